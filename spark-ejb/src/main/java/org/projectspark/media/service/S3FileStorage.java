package org.projectspark.media.service;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Files in an S3 bucket (AWS, or an S3-compatible store at AWS_S3_ENDPOINT) through the AWS SDK for Java v2. Readers
 * are sent to short-lived pre-signed addresses, so the bytes never pass through the application server. Bytes being
 * received wait in a local work folder until they are put whole.
 */
public class S3FileStorage implements FileStorage, AutoCloseable {

    /** How to reach the bucket: AWS_* settings. Without a key pair, the SDK's default credentials. */
    public record Connection(String region, String bucket, Optional<URI> endpoint, boolean pathStyle,
                             Optional<String> accessKeyId, Optional<String> secretAccessKey, Path workFolder) {
    }

    /** A storage with its own clients, closed with it. */
    public static S3FileStorage connect(Connection c) {
        AwsCredentialsProvider credentials = c.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId().get(), c.secretAccessKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        // S3-compatible stores do not all decode aws-chunked signed bodies: there the payload is signed whole instead
        S3Configuration config = S3Configuration.builder().pathStyleAccessEnabled(c.pathStyle())
                .chunkedEncodingEnabled(c.endpoint().isEmpty()).build();
        var client = S3Client.builder().region(Region.of(c.region())).credentialsProvider(credentials).serviceConfiguration(config)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(50)
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)));
        var signer = S3Presigner.builder().region(Region.of(c.region())).credentialsProvider(credentials).serviceConfiguration(config);
        c.endpoint().ifPresent(endpoint -> {
            client.endpointOverride(endpoint);
            signer.endpointOverride(endpoint);
            // S3-compatible stores do not all know the SDK's newer default checksums (aws-chunked trailers)
            client.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        });
        return new S3FileStorage(client.build(), signer.build(), c.bucket(), c.workFolder());
    }

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Path work;

    public S3FileStorage(S3Client s3, S3Presigner presigner, String bucket, Path work) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.work = work;
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("the work folder " + work + " cannot be created", e);
        }
    }

    @Override
    public void put(String key, Path file, String mediaType) throws IOException {
        try {
            if (!exists(key)) {
                s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(mediaType).build(), RequestBody.fromFile(file));
            }
        } catch (S3Exception e) {
            throw new IOException("S3 refused to store " + key + ": " + e.awsErrorDetails().errorMessage(), e);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("S3 could not say whether " + key + " exists", e);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build()).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("S3 could not say whether " + key + " exists", e);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1)).build());
        } catch (S3Exception e) {
            throw new IOException("S3 could not read " + key, e);
        }
    }

    @Override
    public Optional<URI> temporaryUrl(String key, Duration ttl, String mediaType, String downloadName) {
        String disposition = "inline; filename*=UTF-8''" + java.net.URLEncoder.encode(downloadName, StandardCharsets.UTF_8).replace("+", "%20");
        return Optional.of(URI.create(presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(mediaType).responseContentDisposition(disposition)))
                .url().toString()));
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(d -> d.bucket(bucket).key(key));
        } catch (S3Exception e) {
            throw new IOException("S3 could not delete " + key, e);
        }
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        try {
            String token = null;
            do {
                ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).continuationToken(token).build());
                List<ObjectIdentifier> keys = page.contents().stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
                if (!keys.isEmpty()) {
                    s3.deleteObjects(DeleteObjectsRequest.builder().bucket(bucket).delete(Delete.builder().objects(keys).quiet(true).build()).build());
                }
                token = page.isTruncated() ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (S3Exception e) {
            throw new IOException("S3 could not delete under " + prefix, e);
        }
    }

    @Override
    public Path workFolder() {
        return work;
    }

    @Override
    public void close() {
        s3.close();
        presigner.close();
    }
}
