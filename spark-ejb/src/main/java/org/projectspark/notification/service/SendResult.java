package org.projectspark.notification.service;

/** What one attempt to hand a message to the SMTP server or the SMS provider came to. */
public sealed interface SendResult {

    /** Accepted; {@code ref} is the provider's id for it (Message-ID, SMS message id). */
    record Sent(String ref) implements SendResult {
    }

    /** Not accepted this time (server down, over quota, a 4xx reply): try again later. */
    record Retry(String error) implements SendResult {
    }

    /** Refused for good (no such mailbox, invalid number, blacklisted): never tried again. */
    record Failed(String reason) implements SendResult {
    }
}
