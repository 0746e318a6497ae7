package org.projectspark.media.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/** The storage STORAGE_PROVIDER names, made once for the application. */
@ApplicationScoped
public class FileStorages {

    private static final Logger LOG = Logger.getLogger(FileStorages.class.getName());

    @Inject
    MediaSettings settings;

    @Produces
    @ApplicationScoped
    FileStorage storage() {
        if (settings.provider() == MediaSettings.Provider.LOCAL) {
            LOG.info(() -> "Files are stored under " + settings.uploadDir());
            return new LocalFileStorage(settings.uploadDir());
        }
        LOG.info(() -> "Files are stored in the S3 bucket " + settings.awsBucket() + settings.awsEndpoint().map(e -> " at " + e).orElse(""));
        return S3FileStorage.connect(new S3FileStorage.Connection(settings.awsRegion(), settings.awsBucket(), settings.awsEndpoint(),
                settings.awsPathStyle(), settings.awsAccessKeyId(), settings.awsSecretAccessKey(), settings.uploadDir().resolve("tmp")));
    }

    void close(@Disposes FileStorage storage) {
        if (storage instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warning(() -> "The file storage did not close cleanly: " + e);
            }
        }
    }
}
