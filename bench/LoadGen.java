import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small closed-loop HTTP load generator (JDK only, run as {@code java bench/LoadGen.java ...}).
 *
 *   rate  URL CONCURRENCY SECONDS [Header:Value ...]   N clients loop GETs for SECONDS; prints rps and latency percentiles
 *   burst URL BODIES_FILE                              one POST per line of BODIES_FILE, all at once; prints statuses, rate, p99
 *
 * Output is one line of key=value pairs, easy to read and to parse in bench/*.sh.
 */
public class LoadGen {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "rate" -> rate(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Arrays.copyOfRange(args, 4, args.length));
            case "burst" -> burst(args[1], java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[2])));
            default -> throw new IllegalArgumentException("rate or burst");
        }
    }

    static void rate(String url, int concurrency, int seconds, String[] headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        for (String h : headers) {
            int colon = h.indexOf(':');
            b.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        HttpRequest request = b.build();
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perThread = new ArrayList<>();
        List<Map<Integer, Integer>> statuses = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[concurrency];
        for (int i = 0; i < concurrency; i++) {
            long[] lat = new long[2_000_000];
            Map<Integer, Integer> st = new TreeMap<>();
            perThread.add(lat);
            statuses.add(st);
            final int idx = i;
            Thread t = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    if (n < lat.length) {
                        lat[n++] = System.nanoTime() - start;
                    }
                    st.merge(status, 1, Integer::sum);
                }
                counts[idx] = n;
            });
            threads.add(t);
        }
        long began = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int pos = 0;
        for (int i = 0; i < concurrency; i++) {
            System.arraycopy(perThread.get(i), 0, all, pos, counts[i]);
            pos += counts[i];
        }
        Map<Integer, Integer> merged = new TreeMap<>();
        statuses.forEach(m -> m.forEach((k, v) -> merged.merge(k, v, Integer::sum)));
        print(total, elapsed, all, merged);
    }

    static void burst(String url, List<String> bodies) throws Exception {
        int n = bodies.size();
        long[] lat = new long[n];
        int[] status = new int[n];
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int idx = i;
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build();
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long start = System.nanoTime();
                try {
                    HttpResponse<Void> r = CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
                    status[idx] = r.statusCode();
                    if ((r.statusCode() == 429 || r.statusCode() == 503) && r.headers().firstValue("Retry-After").isEmpty()) {
                        status[idx] = -2; // a refusal without Retry-After counts as a failure
                    }
                } catch (Exception e) {
                    status[idx] = -1;
                }
                lat[idx] = System.nanoTime() - start;
            });
            threads.add(t);
            t.start();
        }
        ready.await();
        long began = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        Map<Integer, Integer> merged = new TreeMap<>();
        for (int s : status) {
            merged.merge(s, 1, Integer::sum);
        }
        print(n, elapsed, lat, merged);
    }

    static void print(int total, double seconds, long[] latencies, Map<Integer, Integer> statuses) {
        Arrays.sort(latencies);
        System.out.printf("requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f statuses=%s%n",
                total, seconds, total / seconds, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                statuses.toString().replace(" ", ""));
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
