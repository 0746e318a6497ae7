package org.projectspark.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs an operator's command (asadmin, pg_ctl) for a test, as an operator would: its output, or why it failed. */
final class Commands {

    private Commands() {
    }

    /**
     * The command's output (stdout and stderr); failing when it exits with another status than 0 or runs longer than
     * {@code timeout}. {@code label} names it in the failure.
     */
    static String run(List<String> command, String label, Duration timeout) {
        return run(command, Set.of(), label, timeout);
    }

    /** As {@link #run(List, String, Duration)}, the command's environment without the variables {@code unset}. */
    static String run(List<String> command, Set<String> unset, String label, Duration timeout) {
        try {
            // to a file, not a pipe: start-instance and pg_ctl start leave a server behind that may hold a pipe open
            Path log = Files.createTempFile("command", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().keySet().removeAll(unset);
                Process p = builder.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(label + " took longer than " + timeout);
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(label + " failed: " + output);
                }
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
