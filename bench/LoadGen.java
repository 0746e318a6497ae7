import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small closed-loop HTTP load generator (JDK only; the bench scripts run it with {@code tool LoadGen ...}, bench/common.sh).
 *
 *   rate  URL CONCURRENCY SECONDS [Header:Value ...]   N clients loop GETs for SECONDS; prints rps and latency percentiles
 *   burst URL BODIES_FILE                              one POST per line of BODIES_FILE, all at once; prints statuses, rate, p99
 *   rate-tokens URL TOKENS_FILE CONCURRENCY SECONDS [Header:Value ...]
 *         as rate, but client i sends "Authorization: Bearer" + line i of TOKENS_FILE (wrapping around), so a
 *         per-user endpoint is measured with many users
 *   post URL_PATTERN BODY_PATTERN TOKENS_FILE CONCURRENCY SECONDS [rows=ROWS_FILE] [Header:Value ...]
 *         N clients loop POSTs (JSON) for SECONDS, each with its own token as above (TOKENS_FILE "-": none), every
 *         request's URL and body made fresh from the patterns. BODY_PATTERN "@FILE" reads the pattern from FILE.
 *         Placeholders:  {uuid} a new random UUID (each occurrence)   {pick:a,b,c} one of the values at random
 *                        {client} the client's number   {seq} the client's request number
 *                        {COLUMN} a column of ROWS_FILE: tab-separated, a header line naming the columns, then
 *                        rows; client i's n-th request uses row (i + n) mod rows, so URL and body can vary
 *                        together (an activity id with answers to its own questions)
 *         Other braces (JSON's) are left as they are.
 *
 * Output is one line of key=value pairs, easy to read and to parse in bench/*.sh. rate-tokens and post also
 * print to stderr the first body answered with each status of 400 or more.
 *
 * rate, rate-tokens and post speak HTTP/1.1 themselves over one keep-alive connection per client ({@link Http1.Wire}):
 * java.net.http cost about as much CPU per request as the server's own work, and on a 2-core machine every
 * cycle the generator burns is taken from the server (and from PostgreSQL) it measures. burst keeps java.net.http.
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
            case "rate-tokens" -> rateTokens(args[1], tokens(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Arrays.copyOfRange(args, 5, args.length));
            case "post" -> post(args[1], args[2], tokens(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Arrays.copyOfRange(args, 6, args.length));
            default -> throw new IllegalArgumentException("rate, burst, rate-tokens or post");
        }
    }

    static void rate(String url, int concurrency, int seconds, String[] headers) throws Exception {
        Http1.Req request = Http1.Req.get(URI.create(url), List.of(headers));
        closedLoop(URI.create(url), concurrency, seconds, (client, seq) -> request);
    }

    // ---- rate-tokens and post: one token per client, requests built per client or per request ----------------

    /** Makes the next request of one client; {@code seq} counts that client's requests from 0. */
    interface RequestMaker {
        Http1.Req make(int client, long seq);
    }

    static void rateTokens(String url, List<String> tokens, int concurrency, int seconds, String[] headers) throws Exception {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the tokens file has no tokens");
        }
        Http1.Req[] perClient = new Http1.Req[concurrency];
        for (int i = 0; i < concurrency; i++) {
            List<String> h = new ArrayList<>(List.of(headers));
            h.add("Authorization: Bearer " + tokens.get(i % tokens.size()));
            perClient[i] = Http1.Req.get(URI.create(url), h);
        }
        closedLoop(URI.create(url), concurrency, seconds, (client, seq) -> perClient[client]);
    }

    static void post(String urlPattern, String bodyPattern, List<String> tokens, int concurrency, int seconds, String[] rest) throws Exception {
        List<String> headers = new ArrayList<>();
        Rows rows = Rows.NONE;
        for (String r : rest) {
            if (r.startsWith("rows=")) {
                rows = Rows.read(Path.of(r.substring(5)));
            } else {
                headers.add(r);
            }
        }
        if (bodyPattern.startsWith("@")) {
            bodyPattern = Files.readString(Path.of(bodyPattern.substring(1)), StandardCharsets.UTF_8).strip();
        }
        Template url = Template.parse(urlPattern, rows);
        Template body = Template.parse(bodyPattern, rows);
        String[] auth = new String[concurrency];
        for (int i = 0; i < concurrency; i++) {
            auth[i] = tokens.isEmpty() ? null : "Bearer " + tokens.get(i % tokens.size());
        }
        Rows r = rows;
        closedLoop(URI.create(url.render(r.rows.isEmpty() ? null : r.rows.get(0), 0, 0)), concurrency, seconds, (client, seq) -> {
            String[] row = r.rows.isEmpty() ? null : r.rows.get((int) ((client + seq) % r.rows.size()));
            List<String> h = new ArrayList<>(headers);
            if (auth[client] != null) {
                h.add("Authorization: " + auth[client]);
            }
            return Http1.Req.post(URI.create(url.render(row, client, seq)), h, body.render(row, client, seq));
        });
    }

    /** Non-empty lines of a file, or none for "-". */
    static List<String> tokens(String file) throws Exception {
        if (file.equals("-")) {
            return List.of();
        }
        return Files.readAllLines(Path.of(file)).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** N clients (one connection to {@code server} each), each sending its next request when the last is answered, for SECONDS; prints the key=value line. */
    static void closedLoop(URI server, int concurrency, int seconds, RequestMaker maker) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perThread = new ArrayList<>();
        List<Map<Integer, Integer>> statuses = new ArrayList<>();
        Map<Integer, String> firstError = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[concurrency];
        for (int i = 0; i < concurrency; i++) {
            long[] lat = new long[2_000_000];
            Map<Integer, Integer> st = new TreeMap<>();
            perThread.add(lat);
            statuses.add(st);
            final int idx = i;
            Thread t = new Thread(() -> {
                Http1.Wire wire = new Http1.Wire(server);
                int n = 0;
                long seq = 0;
                while (!stop.get()) {
                    Http1.Req request = maker.make(idx, seq++);
                    long start = System.nanoTime();
                    int status;
                    try {
                        Http1.Answer r = wire.send(request);
                        status = r.status();
                        if (r.errorBody() != null) {
                            firstError.putIfAbsent(status, r.errorBody().length() > 400 ? r.errorBody().substring(0, 400) + "..." : r.errorBody());
                        }
                    } catch (Exception e) {
                        status = -1;
                        firstError.putIfAbsent(-1, String.valueOf(e));
                    }
                    if (n < lat.length) {
                        lat[n++] = System.nanoTime() - start;
                    }
                    st.merge(status, 1, Integer::sum);
                }
                wire.close();
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
        new TreeMap<>(firstError).forEach((status, text) -> System.err.println("first " + status + ": " + text.replace('\n', ' ')));
        print(total, elapsed, all, merged);
    }

    /** A tab-separated file: a header line of column names, then rows. */
    record Rows(List<String> columns, List<String[]> rows) {
        static final Rows NONE = new Rows(List.of(), List.of());

        static Rows read(Path file) throws Exception {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            if (lines.size() < 2) {
                throw new IllegalArgumentException(file + ": a header line and at least one row are needed");
            }
            List<String> columns = List.of(lines.get(0).split("\t", -1));
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", -1);
                if (cells.length != columns.size()) {
                    throw new IllegalArgumentException(file + ": a row has " + cells.length + " cells for " + columns.size() + " columns: " + line);
                }
                rows.add(cells);
            }
            return new Rows(columns, rows);
        }
    }

    /** A URL or body pattern cut into literal text and placeholders once, rendered per request. */
    record Template(List<Object> parts) {
        private static final Pattern PLACEHOLDER = Pattern.compile("\\{(uuid|client|seq|pick:[^{}]*|[A-Za-z_][A-Za-z0-9_]*)}");

        private enum Kind { UUID, CLIENT, SEQ }

        private record Column(int index) { }

        private record Pick(String[] values) { }

        static Template parse(String pattern, Rows rows) {
            List<Object> parts = new ArrayList<>();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < rows.columns().size(); i++) {
                columns.put(rows.columns().get(i), i);
            }
            Matcher m = PLACEHOLDER.matcher(pattern);
            int last = 0;
            while (m.find()) {
                parts.add(pattern.substring(last, m.start()));
                String name = m.group(1);
                if (name.equals("uuid")) {
                    parts.add(Kind.UUID);
                } else if (name.equals("client")) {
                    parts.add(Kind.CLIENT);
                } else if (name.equals("seq")) {
                    parts.add(Kind.SEQ);
                } else if (name.startsWith("pick:")) {
                    parts.add(new Pick(name.substring(5).split(",", -1)));
                } else if (columns.containsKey(name)) {
                    parts.add(new Column(columns.get(name)));
                } else {
                    throw new IllegalArgumentException("unknown placeholder {" + name + "} (no such column in the rows file)");
                }
                last = m.end();
            }
            parts.add(pattern.substring(last));
            return new Template(parts);
        }

        String render(String[] row, int client, long seq) {
            StringBuilder b = new StringBuilder(256);
            for (Object p : parts) {
                if (p instanceof String text) {
                    b.append(text);
                } else if (p == Kind.UUID) {
                    ThreadLocalRandom r = ThreadLocalRandom.current();   // a version 4 UUID without SecureRandom's lock
                    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
                    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                    b.append(new UUID(msb, lsb));
                } else if (p == Kind.CLIENT) {
                    b.append(client);
                } else if (p == Kind.SEQ) {
                    b.append(seq);
                } else if (p instanceof Pick pick) {
                    b.append(pick.values()[ThreadLocalRandom.current().nextInt(pick.values().length)]);
                } else if (p instanceof Column c) {
                    b.append(row[c.index()]);
                }
            }
            return b.toString();
        }
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
