import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The S3 reference of bench/files.sh: the AWS SDK's putObject of each FILE under PREFIX, CONCURRENCY at once, with
 * the transport the server's S3 storage uses (Apache, 50 connections); prints "ms=<wall time>", then deletes them.
 *   java -cp <SDK jars> S3Put.java ENDPOINT REGION BUCKET ACCESS_KEY SECRET_KEY PATH_STYLE PREFIX CONCURRENCY FILE...
 */
public class S3Put {

    public static void main(String[] a) throws Exception {
        var builder = S3Client.builder().region(Region.of(a[1]))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(a[3], a[4])))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(Boolean.parseBoolean(a[5])).build())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(50));
        if (!a[0].isEmpty()) {
            builder.endpointOverride(URI.create(a[0]));
        }
        String bucket = a[2];
        String prefix = a[6];
        int concurrency = Integer.parseInt(a[7]);
        List<Path> files = new ArrayList<>();
        for (int i = 8; i < a.length; i++) {
            files.add(Path.of(a[i]));
        }
        try (S3Client s3 = builder.build()) {
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            long start = System.nanoTime();
            List<Future<?>> puts = new ArrayList<>();
            for (Path f : files) {
                puts.add(pool.submit(() -> s3.putObject(r -> r.bucket(bucket).key(prefix + f.getFileName()).contentType("image/jpeg"),
                        RequestBody.fromFile(f))));
            }
            for (Future<?> p : puts) {
                p.get();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            for (Path f : files) {
                s3.deleteObject(r -> r.bucket(bucket).key(prefix + f.getFileName()));
            }
            pool.shutdown();
            System.out.println("ms=" + ms);
        }
    }
}
