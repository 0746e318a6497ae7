package org.projectspark.media.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.FileTypes;
import org.projectspark.platform.config.SettingProblems;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where files are kept and what uploads may hold, from MicroProfile Config ({@code .env.example} lists them; defaults
 * in {@code META-INF/microprofile-config.properties}). A bad value fails the deployment with the setting's name.
 */
@ApplicationScoped
public class MediaSettings {

    public enum Provider { LOCAL, AWS }

    @Inject @ConfigProperty(name = "STORAGE_PROVIDER")
    String provider;

    /** Local storage's folder, and on every provider the folder of uploads in flight (tmp/). */
    @Inject @ConfigProperty(name = "UPLOAD_DIR")
    String uploadDir;

    @Inject @ConfigProperty(name = "MAX_FILE_SIZE")
    long maxFileSize;

    @Inject @ConfigProperty(name = "MAX_LESSON_MEDIA_SIZE")
    long maxLessonMediaSize;

    @Inject @ConfigProperty(name = "ALLOWED_FILE_TYPES")
    String allowedFileTypes;

    /** Lesson media may also be these (audio, video), besides ALLOWED_FILE_TYPES. */
    @Inject @ConfigProperty(name = "ALLOWED_LESSON_MEDIA_TYPES")
    String allowedLessonMediaTypes;

    /** Bytes of assignment files one user may keep. */
    @Inject @ConfigProperty(name = "STUDENT_STORAGE_QUOTA")
    long studentQuota;

    /** Bytes of files (of every kind) one school's users may keep. */
    @Inject @ConfigProperty(name = "SCHOOL_STORAGE_QUOTA")
    long schoolQuota;

    /** An unfinished resumable upload is gone this long after its last bytes arrived. */
    @Inject @ConfigProperty(name = "UPLOAD_EXPIRY")
    String uploadExpiry;

    /**
     * How old a file nothing references must be before the cleanup deletes it: a device that was offline uploads a
     * photo before its hand-in event arrives, and a teacher uploads media before saving the lesson that shows it.
     */
    @Inject @ConfigProperty(name = "UNREFERENCED_FILE_GRACE")
    String unreferencedGrace;

    /** How long a pre-signed S3 address handed to a reader stays valid. */
    @Inject @ConfigProperty(name = "FILE_URL_EXPIRY")
    String fileUrlExpiry;

    /** Public lesson media is redirected there when set: CDN_URL/blobs/ab/cd/<hash>. */
    @Inject @ConfigProperty(name = "CDN_URL")
    Optional<String> cdnUrl;

    @Inject @ConfigProperty(name = "AWS_REGION")
    String awsRegion;

    @Inject @ConfigProperty(name = "AWS_S3_BUCKET")
    Optional<String> awsBucket;

    /** An S3-compatible store's address (MinIO, Ceph, Garage...); unset: AWS itself. */
    @Inject @ConfigProperty(name = "AWS_S3_ENDPOINT")
    Optional<String> awsEndpoint;

    @Inject @ConfigProperty(name = "AWS_S3_PATH_STYLE")
    boolean awsPathStyle;

    /** Unset: the SDK's default credentials (instance profile, AWS_* environment, ~/.aws). */
    @Inject @ConfigProperty(name = "AWS_ACCESS_KEY_ID")
    Optional<String> awsAccessKeyId;

    @Inject @ConfigProperty(name = "AWS_SECRET_ACCESS_KEY")
    Optional<String> awsSecretAccessKey;

    private Provider storage;
    private FileTypes documentTypes;
    private FileTypes mediaTypes;
    private Duration expiry;
    private Duration urlExpiry;
    private Duration grace;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        storage = problems.value("STORAGE_PROVIDER", () -> switch (provider.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> Provider.LOCAL;
            case "aws", "s3" -> Provider.AWS;
            default -> throw new IllegalArgumentException("STORAGE_PROVIDER must be local or aws (got '" + provider + "')");
        });
        problems.check(!uploadDir.isBlank(), "UPLOAD_DIR must name a folder");
        problems.check(maxFileSize >= 1024 && maxLessonMediaSize >= 1024, "MAX_FILE_SIZE and MAX_LESSON_MEDIA_SIZE must be at least 1024 bytes");
        problems.check(studentQuota >= 0 && schoolQuota >= 0, "STUDENT_STORAGE_QUOTA and SCHOOL_STORAGE_QUOTA must not be negative (0: no quota)");
        documentTypes = problems.value("ALLOWED_FILE_TYPES", () -> FileTypes.parse("ALLOWED_FILE_TYPES", allowedFileTypes));
        mediaTypes = problems.value("ALLOWED_LESSON_MEDIA_TYPES", () -> FileTypes.parse("ALLOWED_LESSON_MEDIA_TYPES", allowedLessonMediaTypes));
        expiry = problems.duration("UPLOAD_EXPIRY", uploadExpiry, 1000);
        urlExpiry = problems.duration("FILE_URL_EXPIRY", fileUrlExpiry, 1000);
        grace = problems.duration("UNREFERENCED_FILE_GRACE", unreferencedGrace, 1000);
        problems.check(grace == null || expiry == null || grace.compareTo(expiry) >= 0,
                "UNREFERENCED_FILE_GRACE must be at least UPLOAD_EXPIRY: a file made by a resumable upload is referenced after its last byte");
        problems.check(urlExpiry == null || urlExpiry.compareTo(Duration.ofDays(7)) <= 0, "FILE_URL_EXPIRY must be at most 7d (S3's own bound)");
        cdnUrl.ifPresent(url -> problems.value("CDN_URL", () -> {
            URI u = URI.create(url.trim());
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())) {
                throw new IllegalArgumentException("CDN_URL must be an http(s) address (got '" + url + "')");
            }
            return u;
        }));
        if (storage == Provider.AWS) {
            problems.check(awsBucket.filter(b -> !b.isBlank()).isPresent(), "STORAGE_PROVIDER=aws needs AWS_S3_BUCKET");
            problems.check(awsAccessKeyId.isPresent() == awsSecretAccessKey.isPresent(), "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together");
            awsEndpoint.ifPresent(e -> problems.value("AWS_S3_ENDPOINT", () -> URI.create(e.trim())));
        }
        problems.failIfAny();
    }

    public Provider provider() { return storage; }

    public Path uploadDir() {
        Path dir = Path.of(uploadDir.trim());
        if (dir.isAbsolute()) {
            return dir;
        }
        // relative: inside the domain's folder (beside its config, never under its docroot), else the working folder
        String root = System.getProperty("com.sun.aas.instanceRoot");
        return (root != null ? Path.of(root) : Path.of("").toAbsolutePath()).resolve(dir).normalize();
    }

    /** The most a file for {@code purpose} may hold. */
    public long maxSize(FilePurpose purpose) {
        return purpose == FilePurpose.LESSON_MEDIA ? Math.max(maxLessonMediaSize, maxFileSize) : maxFileSize;
    }

    /** The largest body any upload may carry (the general request-body limit does not apply to uploads). */
    public long largestUpload() {
        return Math.max(maxLessonMediaSize, maxFileSize);
    }

    public FileTypes allowedTypes(FilePurpose purpose) {
        return purpose == FilePurpose.LESSON_MEDIA ? documentTypes.and(mediaTypes) : documentTypes;
    }

    public long studentQuota() { return studentQuota; }
    public long schoolQuota() { return schoolQuota; }
    public Duration uploadExpiry() { return expiry; }
    public Duration fileUrlExpiry() { return urlExpiry; }
    public Duration unreferencedGrace() { return grace; }

    public Optional<String> cdnUrl() {
        return cdnUrl.map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    public String awsRegion() { return awsRegion.trim(); }
    public String awsBucket() { return awsBucket.orElseThrow().trim(); }
    public Optional<URI> awsEndpoint() { return awsEndpoint.map(String::trim).filter(s -> !s.isEmpty()).map(URI::create); }
    public boolean awsPathStyle() { return awsPathStyle; }
    public Optional<String> awsAccessKeyId() { return awsAccessKeyId; }
    public Optional<String> awsSecretAccessKey() { return awsSecretAccessKey; }
}
