import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * The offline-sync morning rush (JDK only; bench/sync.sh drives it with {@code tool SyncRush MODE ...}, bench/common.sh).
 *
 *   login BASE USERNAMES_FILE CACHE_FILE OUT_FILE [CONCURRENCY=4] [MAX_AGE_MINUTES=50]
 *         signs in each student of USERNAMES_FILE (password "bench password") once, CONCURRENCY at a time, unless
 *         CACHE_FILE holds a token for it younger than MAX_AGE_MINUTES (a token lives an hour); keeps the cache
 *         (username, issued-at, token) and writes OUT_FILE: username, user id, token (tab-separated). Stops
 *         signing in at the first 429 (the cache keeps what it got, so a later run goes on from there); exit 3.
 *   register BASE TOKENS_FILE DEVICE CONCURRENCY OUT_FILE
 *         PUT /api/v1/sync/devices/DEVICE for each student of TOKENS_FILE (login's OUT_FILE); OUT_FILE adds the
 *         device's registration time (epoch ms) to each line; OUT_FILE.401 lists the students whose token was
 *         refused 401 (a session ended: drop them from the cache and sign them in again).
 *   upload key=value ...   one batch of EVENTS events per student, built and gzipped before the clock starts,
 *         then sent by CONCURRENCY clients through one shared queue (each batch COPIES times: the copies of
 *         half the batches are queued side by side, so they are in flight together, the rest apart):
 *           base=URL students=FILE (register's OUT_FILE) content=FILE device=ID concurrency=N events=N
 *           first-seq=N (the batch's sequences are first-seq .. first-seq+events-1) copies=1|2
 *           from=EPOCH_MS (events are dated from max(from, the device's registration) to now) sent=FILE
 *           [seed=N] [retries=6]
 *         CONTENT_FILE lines (tab-separated): "activity LESSON_ID ACTIVITY_ID TYPE" and
 *         "quiz ACTIVITY_ID QUESTIONS ANSWERS_JSON" (several answer sets per quiz: some right, some wrong).
 *         Each student's events follow a morning: lessons opened one after another, progress in each lesson's
 *         activities, its quiz submitted once or twice, in the mix 20% LESSON_OPENED, 24% QUIZ_SUBMITTED, the
 *         rest PROGRESS. A 503 (upload stopped part-way), 502/504 or a broken connection is answered by sending
 *         the same batch again (after Retry-After, at most `retries` times); the batch's latency runs from its
 *         first send to its last answer. SENT_FILE gets every event sent: id, user id, type, sequence.
 *         Uploads go over keep-alive HTTP/1.1 connections of their own, one per client ({@link Http1}: java.net.http
 *         cost 3 ms of CPU a batch, a seventh of the machine during the rush). Answers are read after the clock stops,
 *         so the client spends its CPU on sending while timed.
 *
 * Output: one line of key=value pairs (like LoadGen), details (first error bodies, rejection reasons) on stderr.
 */
public class SyncRush {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "login" -> System.exit(login(args[1], Path.of(args[2]), Path.of(args[3]), Path.of(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 4, args.length > 6 ? Integer.parseInt(args[6]) : 50));
            case "register" -> System.exit(register(args[1], Path.of(args[2]), args[3], Integer.parseInt(args[4]), Path.of(args[5])));
            case "upload" -> System.exit(upload(options(Arrays.copyOfRange(args, 1, args.length))));
            default -> {
                System.err.println("usage: SyncRush login|register|upload ... (see the comment at the top)");
                System.exit(2);
            }
        }
    }

    // ---- login ------------------------------------------------------------------------------------------------

    record Cached(long issuedMs, String token) {
    }

    static int login(String base, Path usernames, Path cacheFile, Path out, int concurrency, int maxAgeMinutes) throws Exception {
        List<String> names = lines(usernames);
        Map<String, Cached> cache = new ConcurrentHashMap<>();
        long now = System.currentTimeMillis();
        long maxAge = maxAgeMinutes * 60_000L;
        if (Files.exists(cacheFile)) {
            for (String line : Files.readAllLines(cacheFile)) {
                String[] c = line.split("\t");
                if (c.length == 3 && now - Long.parseLong(c[1]) < maxAge) {
                    cache.put(c[0], new Cached(Long.parseLong(c[1]), c[2]));
                }
            }
        }
        List<String> missing = names.stream().filter(n -> !cache.containsKey(n)).toList();
        int cached = names.size() - missing.size();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean refused = new AtomicBoolean();
        AtomicInteger signedIn = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Map<Integer, String> firstError = new ConcurrentHashMap<>();
        Map<String, String> rate = new ConcurrentHashMap<>();
        long began = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(concurrency, Math.max(1, missing.size())); t++) {
            Thread thread = new Thread(() -> {
                for (int i; !refused.get() && (i = next.getAndIncrement()) < missing.size(); ) {
                    String name = missing.get(i);
                    for (int attempt = 1; attempt <= 8; attempt++) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"password\":\"bench password\"}"))
                                .build();
                        int status;
                        String body;
                        HttpResponse<String> r = null;
                        try {
                            r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                            status = r.statusCode();
                            body = r.body();
                            r.headers().firstValue("RateLimit-Limit").ifPresent(v -> rate.put("limit", v));
                            r.headers().firstValue("RateLimit-Remaining").ifPresent(v -> rate.put("remaining", v));
                        } catch (Exception e) {
                            status = -1;
                            body = String.valueOf(e);
                        }
                        statuses.merge(status, 1, Integer::sum);
                        if (status == 200) {
                            Matcher m = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
                            if (m.find()) {
                                cache.put(name, new Cached(System.currentTimeMillis(), m.group(1)));
                                signedIn.incrementAndGet();
                            }
                            break;
                        }
                        firstError.putIfAbsent(status, name + ": " + shorten(body));
                        if (status == 429) {
                            refused.set(true);
                            r.headers().firstValue("Retry-After").ifPresent(v -> rate.put("retry_after", v));
                            break;
                        }
                        if (!unavailable(status)) {
                            break; // 401 and the like: a retry would not help
                        }
                        sleep(r == null ? Math.min(10, 1L << attempt) : retryAfter(r, Math.min(10, 1L << attempt)));
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        // the cache keeps every token still young, whoever it is for; written whole, then moved into place
        StringBuilder c = new StringBuilder();
        cache.forEach((name, v) -> c.append(name).append('\t').append(v.issuedMs()).append('\t').append(v.token()).append('\n'));
        Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
        Files.writeString(tmp, c);
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {   // tokens: for this user's eyes only
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
        StringBuilder o = new StringBuilder();
        int have = 0;
        for (String name : names) {
            Cached v = cache.get(name);
            if (v != null) {
                o.append(name).append('\t').append(subject(v.token())).append('\t').append(v.token()).append('\n');
                have++;
            }
        }
        Files.writeString(out, o);
        new TreeMap<>(firstError).forEach((s, text) -> System.err.println("first " + s + ": " + text));
        System.out.printf("students=%d cached=%d signed_in=%d missing=%d seconds=%.1f statuses=%s rate_limit=%s remaining=%s retry_after=%s%n",
                names.size(), cached, signedIn.get(), names.size() - have, seconds, compact(new TreeMap<>(statuses)),
                rate.getOrDefault("limit", "?"), rate.getOrDefault("remaining", "?"), rate.getOrDefault("retry_after", "-"));
        return have == names.size() ? 0 : refused.get() ? 3 : 1;
    }

    /** The user id (the JWT's subject), read without checking the signature: the server does that. */
    static String subject(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        if (!m.find()) {
            throw new IllegalStateException("a token without a subject");
        }
        return m.group(1);
    }

    // ---- register ---------------------------------------------------------------------------------------------

    static int register(String base, Path tokens, String device, int concurrency, Path out) throws Exception {
        List<String[]> students = lines(tokens).stream().map(l -> l.split("\t")).toList();
        long[] registeredAt = new long[students.size()];
        boolean[] refused = new boolean[students.size()];
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Map<Integer, String> firstError = new ConcurrentHashMap<>();
        Map<String, String> rate = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long began = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < students.size(); ) {
                    String[] s = students.get(i);
                    for (int attempt = 1; attempt <= 8; attempt++) {
                        int status;
                        String body;
                        HttpResponse<String> r = null;
                        try {
                            r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sync/devices/" + device))
                                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + s[2])
                                    .PUT(HttpRequest.BodyPublishers.ofString("{\"label\":\"Bench sync tablet\"}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            status = r.statusCode();
                            body = r.body();
                            r.headers().firstValue("RateLimit-Limit").ifPresent(v -> rate.put("limit", v));
                        } catch (Exception e) {
                            status = -1;
                            body = String.valueOf(e);
                        }
                        statuses.merge(status, 1, Integer::sum);
                        if (status == 200) {
                            Matcher m = Pattern.compile("\"registeredAt\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
                            if (m.find()) {
                                registeredAt[i] = Instant.parse(m.group(1)).toEpochMilli();
                            }
                            break;
                        }
                        firstError.putIfAbsent(status, s[0] + ": " + shorten(body));
                        refused[i] = status == 401;
                        if (!unavailable(status)) {
                            break;
                        }
                        sleep(r == null ? Math.min(10, 1L << attempt) : retryAfter(r, Math.min(10, 1L << attempt)));
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        StringBuilder unauthorized = new StringBuilder();   // tokens the server no longer takes (sessions gone)
        for (int i = 0; i < students.size(); i++) {
            if (refused[i]) {
                unauthorized.append(students.get(i)[0]).append('\n');
            }
        }
        Files.writeString(out.resolveSibling(out.getFileName() + ".401"), unauthorized);
        StringBuilder o = new StringBuilder();
        int ok = 0;
        for (int i = 0; i < students.size(); i++) {
            if (registeredAt[i] > 0) {
                String[] s = students.get(i);
                o.append(s[0]).append('\t').append(s[1]).append('\t').append(s[2]).append('\t').append(registeredAt[i]).append('\n');
                ok++;
            }
        }
        Files.writeString(out, o);
        new TreeMap<>(firstError).forEach((s, text) -> System.err.println("first " + s + ": " + text));
        System.out.printf("devices=%d registered=%d seconds=%.1f statuses=%s rate_limit=%s%n", students.size(), ok, seconds,
                compact(new TreeMap<>(statuses)), rate.getOrDefault("limit", "?"));
        return ok == students.size() ? 0 : 1;
    }

    // ---- upload -----------------------------------------------------------------------------------------------

    record Student(String username, String userId, String token, long registeredAt) {
    }

    record Activity(String id, String type) {
    }

    record Quiz(int questions, List<String> answerSets) {
    }

    /** What the bench content offers: lessons with their activities, and answer sets for every quiz. */
    record Content(List<String> lessons, Map<String, List<Activity>> activities, Map<String, Quiz> quizzes, List<String> allQuizzes) {
        static Content read(Path file) throws IOException {
            Map<String, List<Activity>> activities = new LinkedHashMap<>();
            Map<String, Quiz> quizzes = new LinkedHashMap<>();
            for (String line : lines(file)) {
                String[] c = line.split("\t", -1);
                switch (c[0]) {
                    case "activity" -> activities.computeIfAbsent(c[1], k -> new ArrayList<>()).add(new Activity(c[2], c[3]));
                    case "quiz" -> quizzes.computeIfAbsent(c[1], k -> new Quiz(Integer.parseInt(c[2]), new ArrayList<>())).answerSets().add(c[3]);
                    default -> throw new IllegalArgumentException(file + ": unknown line " + line);
                }
            }
            if (activities.isEmpty() || quizzes.isEmpty()) {
                throw new IllegalArgumentException(file + ": no lessons or no quizzes");
            }
            return new Content(new ArrayList<>(activities.keySet()), activities, quizzes, new ArrayList<>(quizzes.keySet()));
        }
    }

    /** One student's batch: its gzip body, its events' ids and types (for the check), its raw size. */
    record Batch(Student student, byte[] gzip, int rawBytes, String[] ids, String[] types) {
    }

    /** One POST of a batch (a batch sent twice has two), with what became of it. */
    static final class Send {
        final int batch;
        long start;
        long end;
        int status;
        int attempts;
        byte[] body;

        Send(int batch) {
            this.batch = batch;
        }
    }

    static int upload(Map<String, String> o) throws Exception {
        String base = o.get("base");
        List<Student> students = lines(Path.of(o.get("students"))).stream().map(l -> l.split("\t"))
                .map(c -> new Student(c[0], c[1], c[2], Long.parseLong(c[3]))).toList();
        Content content = Content.read(Path.of(o.get("content")));
        String device = o.get("device");
        int concurrency = Integer.parseInt(o.get("concurrency"));
        int perStudent = Integer.parseInt(o.get("events"));
        long firstSeq = Long.parseLong(o.get("first-seq"));
        int copies = Integer.parseInt(o.getOrDefault("copies", "1"));
        long from = Long.parseLong(o.get("from"));
        int maxRetries = Integer.parseInt(o.getOrDefault("retries", "6"));
        Random random = new Random(Long.parseLong(o.getOrDefault("seed", String.valueOf(System.nanoTime()))));
        long to = System.currentTimeMillis();

        // every batch made before the clock starts
        List<Batch> batches = new ArrayList<>(students.size());
        StringBuilder sent = new StringBuilder(students.size() * perStudent * 80);
        for (Student s : students) {
            Batch b = batch(s, content, device, perStudent, firstSeq, Math.max(from, s.registeredAt()), to, random);
            batches.add(b);
            for (int i = 0; i < b.ids().length; i++) {
                sent.append(b.ids()[i]).append('\t').append(s.userId()).append('\t').append(b.types()[i]).append('\t')
                        .append(firstSeq + i).append('\n');
            }
        }
        Files.writeString(Path.of(o.get("sent")), sent);

        // the queue: each batch once, or twice (half the pairs side by side, so in flight together; half apart)
        List<List<Send>> units = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            if (copies == 1) {
                units.add(List.of(new Send(b)));
            } else if (random.nextBoolean()) {
                List<Send> together = new ArrayList<>();
                for (int c = 0; c < copies; c++) {
                    together.add(new Send(b));
                }
                units.add(together);
            } else {
                for (int c = 0; c < copies; c++) {
                    units.add(List.of(new Send(b)));
                }
            }
        }
        Collections.shuffle(units, random);
        List<Send> queue = units.stream().flatMap(List::stream).toList();

        URI server = URI.create(base + "/api/v1/sync/events");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        Map<Integer, Integer> answers = new ConcurrentHashMap<>();   // every answer, retried ones too
        Map<Integer, String> firstError = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(new Thread(() -> {
                Http1.Wire wire = new Http1.Wire(server, 120_000);
                for (int i; (i = next.getAndIncrement()) < queue.size(); ) {
                    Send send = queue.get(i);
                    Batch b = batches.get(send.batch);
                    Http1.Req request = Http1.Req.post(server, List.of("Content-Type: application/json", "Content-Encoding: gzip",
                            "Authorization: Bearer " + b.student().token()), b.gzip());
                    send.start = System.nanoTime();
                    for (int attempt = 1; ; attempt++) {
                        Http1.Answer r = null;
                        int status;
                        try {
                            r = wire.send(request, true);
                            status = r.status();
                        } catch (Exception e) {
                            status = -1;
                            firstError.putIfAbsent(-1, String.valueOf(e));
                        }
                        answers.merge(status, 1, Integer::sum);
                        send.status = status;
                        send.attempts = attempt;
                        if (status == 200) {
                            send.body = r.body();
                            break;
                        }
                        if (r != null) {
                            firstError.putIfAbsent(status, shorten(new String(r.body(), StandardCharsets.UTF_8)));
                        }
                        boolean retryable = status == -1 || status == 502 || status == 503 || status == 504;
                        if (!retryable || attempt > maxRetries) {
                            break;
                        }
                        retries.incrementAndGet();
                        sleep(r == null ? Math.min(10, 1 << attempt) : retryAfter(r.retryAfter(), Math.min(10, 1 << attempt)));
                    }
                    send.end = System.nanoTime();
                }
                wire.close();
            }));
        }
        long began = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;

        // the answers, read now that the clock has stopped
        Map<String, int[]> perEvent = new HashMap<>(batches.size() * perStudent * 2);   // id -> [applied or rejected, duplicate]
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> flags = new TreeMap<>();
        int malformed = 0;
        int httpErrors = 0;
        long[] latencies = new long[queue.size()];
        for (int i = 0; i < queue.size(); i++) {
            Send send = queue.get(i);
            latencies[i] = send.end - send.start;
            if (send.status != 200) {
                httpErrors++;
                continue;
            }
            Batch b = batches.get(send.batch);
            Map<?, ?> receipt = (Map<?, ?>) Json.parse(new String(send.body, StandardCharsets.UTF_8));
            send.body = null;
            List<?> results = (List<?>) receipt.get("results");
            if (results == null || results.size() != b.ids().length) {
                malformed++;
                continue;
            }
            for (int e = 0; e < results.size(); e++) {
                Map<?, ?> r = (Map<?, ?>) results.get(e);
                String status = String.valueOf(r.get("status"));
                if (!b.ids()[e].equals(r.get("eventId"))) {
                    malformed++;
                    continue;
                }
                counts.merge(status, 1, Integer::sum);
                int[] seen = perEvent.computeIfAbsent(b.ids()[e], k -> new int[2]);
                seen[status.equals("DUPLICATE") ? 1 : 0]++;
                if (status.equals("REJECTED")) {
                    reasons.merge(b.types()[e] + ": " + r.get("reason"), 1, Integer::sum);
                }
                if (r.get("flags") instanceof List<?> f && !f.isEmpty() && !status.equals("DUPLICATE")) {
                    for (Object flag : f) {
                        flags.merge(String.valueOf(flag), 1, Integer::sum);
                    }
                }
            }
        }
        int events = batches.size() * perStudent;
        int appliedTwice = (int) perEvent.values().stream().filter(s -> s[0] > 1).count();
        int unanswered = events - perEvent.size();
        // copies in flight at the same time (the server had to serialise them itself)
        int together = 0;
        if (copies > 1) {
            Map<Integer, List<Send>> byBatch = queue.stream().collect(Collectors.groupingBy(s -> s.batch));
            for (List<Send> sends : byBatch.values()) {
                Send a = sends.get(0);
                Send c = sends.get(1);
                if (a.start < c.end && c.start < a.end) {
                    together++;
                }
            }
        }
        long gzipBytes = batches.stream().mapToLong(b -> b.gzip().length).sum();
        long rawBytes = batches.stream().mapToLong(Batch::rawBytes).sum();

        new TreeMap<>(firstError).forEach((s, text) -> System.err.println("first " + s + ": " + text));
        reasons.forEach((reason, n) -> System.err.println("rejected " + n + "x: " + reason));
        flags.forEach((flag, n) -> System.err.println("flagged " + n + "x: " + flag));
        Arrays.sort(latencies);
        System.out.printf("batches=%d sends=%d events=%d seconds=%.2f events_per_s=%.1f batches_per_s=%.1f p50_ms=%.1f p95_ms=%.1f"
                        + " p99_ms=%.1f max_ms=%.1f applied=%d duplicate=%d rejected=%d flagged=%d http=%s retries=%d http_errors=%d"
                        + " malformed=%d applied_twice=%d unanswered=%d together=%d gzip_bytes_per_batch=%d raw_bytes_per_batch=%d%n",
                batches.size(), queue.size(), events, seconds, events / seconds, queue.size() / seconds,
                pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                counts.getOrDefault("APPLIED", 0), counts.getOrDefault("DUPLICATE", 0), counts.getOrDefault("REJECTED", 0),
                flags.values().stream().mapToInt(Integer::intValue).sum(), compact(new TreeMap<>(answers)), retries.get(), httpErrors,
                malformed, appliedTwice, unanswered, together, gzipBytes / Math.max(1, batches.size()), rawBytes / Math.max(1, batches.size()));
        return 0;
    }

    /** A student's morning: lessons one after another; in each, progress in its activities and its quiz submitted. */
    static Batch batch(Student s, Content content, String device, int n, long firstSeq, long from, long to, Random random) throws IOException {
        int lessons = Math.max(1, Math.round(n * 0.2f));
        int quizzes = Math.round(n * 0.24f);
        if (lessons + quizzes > n) {
            quizzes = Math.max(0, n - lessons);
        }
        int progress = n - lessons - quizzes;
        List<String> order = new ArrayList<>(content.lessons());
        Collections.shuffle(order, random);
        String[] ids = new String[n];
        String[] types = new String[n];
        StringBuilder json = new StringBuilder(n * 300).append("{\"deviceId\":\"").append(device).append("\",\"events\":[");
        long span = Math.max(0, to - from);
        int e = 0;
        for (int k = 0; k < lessons && e < n; k++) {
            String lesson = order.get(k % order.size());
            List<Activity> activities = content.activities().get(lesson);
            List<Activity> readable = activities.stream().filter(a -> !a.type().equals("QUIZ")).toList();
            List<Activity> targets = readable.isEmpty() ? activities : readable;
            List<String> lessonQuizzes = activities.stream().map(Activity::id).filter(content.quizzes()::containsKey).toList();
            int p = progress * (k + 1) / lessons - progress * k / lessons;
            int q = quizzes * (k + 1) / lessons - quizzes * k / lessons;
            List<String[]> planned = new ArrayList<>();   // type, data
            planned.add(new String[] {"LESSON_OPENED", "{\"lessonId\":\"" + lesson + "\"}"});
            for (int j = 0; j < p; j++) {
                Activity a = targets.get(j * targets.size() / p);
                int steps = (int) Math.ceil((double) p / targets.size());
                int step = j % steps + 1;
                int percent = Math.min(100, Math.round(100f * step / steps));
                planned.add(new String[] {"PROGRESS", "{\"activityId\":\"" + a.id() + "\",\"percent\":" + percent + "}"});
            }
            for (int j = 0; j < q; j++) {
                String quiz = lessonQuizzes.isEmpty() ? content.allQuizzes().get(random.nextInt(content.allQuizzes().size()))
                        : lessonQuizzes.get(j % lessonQuizzes.size());
                planned.add(new String[] {"QUIZ_SUBMITTED", quiz});
            }
            for (String[] plan : planned) {
                if (e >= n) {
                    break;
                }
                long at = from + span * (e + 1) / (n + 1);
                String id = uuid(random);
                String data = plan[1];
                if (plan[0].equals("QUIZ_SUBMITTED")) {
                    Quiz quiz = content.quizzes().get(plan[1]);
                    long answering = quiz.questions() * 2_000L + 15_000 + random.nextInt(90_000);   // >= 2 s per question
                    data = "{\"activityId\":\"" + plan[1] + "\",\"startedAt\":\"" + Instant.ofEpochMilli(at - answering)
                            + "\",\"answers\":" + quiz.answerSets().get(random.nextInt(quiz.answerSets().size())) + "}";
                }
                if (e > 0) {
                    json.append(',');
                }
                json.append("{\"id\":\"").append(id).append("\",\"sequence\":").append(firstSeq + e).append(",\"type\":\"")
                        .append(plan[0]).append("\",\"deviceTime\":\"").append(Instant.ofEpochMilli(at)).append("\",\"data\":")
                        .append(data).append('}');
                ids[e] = id;
                types[e] = plan[0];
                e++;
            }
        }
        while (e < n) {   // fewer lessons than planned slots (tiny n): top up with lesson openings
            long at = from + span * (e + 1) / (n + 1);
            String id = uuid(random);
            if (e > 0) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(id).append("\",\"sequence\":").append(firstSeq + e)
                    .append(",\"type\":\"LESSON_OPENED\",\"deviceTime\":\"").append(Instant.ofEpochMilli(at))
                    .append("\",\"data\":{\"lessonId\":\"").append(order.get(e % order.size())).append("\"}}");
            ids[e] = id;
            types[e] = "LESSON_OPENED";
            e++;
        }
        byte[] raw = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream(raw.length / 3);
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(raw);
        }
        return new Batch(s, gz.toByteArray(), raw.length, ids, types);
    }

    static String uuid(Random random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("options are key=value: " + a);
            }
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        for (String required : List.of("base", "students", "content", "device", "concurrency", "events", "first-seq", "from", "sent")) {
            if (!o.containsKey(required)) {
                throw new IllegalArgumentException("upload needs " + required + "=...");
            }
        }
        return o;
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    /** Busy (503), or not there for a moment: a redeploy answers 404 or refuses connections for some 40 s. */
    static boolean unavailable(int status) {
        return status == -1 || status == 404 || status == 502 || status == 503 || status == 504;
    }

    static long retryAfter(HttpResponse<?> r, long otherwise) {
        return retryAfter(r.headers().firstValue("Retry-After").orElse(null), otherwise);
    }

    /** The seconds a Retry-After header asks for (at most 30), or {@code otherwise} when it is absent or not a number. */
    static long retryAfter(String header, long otherwise) {
        try {
            return header == null ? otherwise : Math.min(30, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String shorten(String s) {
        String one = s == null ? "" : s.replace('\n', ' ');
        return one.length() > 400 ? one.substring(0, 400) + "..." : one;
    }

    static String compact(Map<?, ?> m) {
        return m.toString().replace(" ", "");
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** Just enough JSON to read a receipt: objects as maps, arrays as lists, numbers as doubles. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.space();
            if (j.i != text.length()) {
                throw j.error("trailing text");
            }
            return v;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        m.put(key, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        l.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    return literal("true", Boolean.TRUE);
                }
                case 'f' -> {
                    return literal("false", Boolean.FALSE);
                }
                case 'n' -> {
                    return literal("null", null);
                }
                default -> {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw error("unexpected " + c);
                    }
                    return Double.parseDouble(s.substring(start, i));
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected text");
            }
            i += word.length();
            return v;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected " + c);
            }
        }

        private UncheckedIOException error(String what) {
            return new UncheckedIOException(new IOException("bad JSON at " + i + ": " + what));
        }
    }
}
