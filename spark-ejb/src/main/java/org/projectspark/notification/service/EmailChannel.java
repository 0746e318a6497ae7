package org.projectspark.notification.service;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.projectspark.notification.domain.NotificationKind;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emails through the {@code mail/spark} session that server-config made from the SMTP settings: one connection per
 * batch, a multipart (plain text and HTML) message per notification in the language it was written in, with a
 * one-click unsubscribe for that kind (RFC 8058 List-Unsubscribe and List-Unsubscribe-Post).
 */
@ApplicationScoped
public class EmailChannel {

    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([245])\\d\\d[ -]");

    @Resource(lookup = DeliverySettings.MAIL_RESOURCE)
    Session session;

    @Inject
    DeliverySettings settings;

    @Inject
    NotificationTexts texts;

    @Inject
    UnsubscribeTokens tokens;

    /** One email to send: the outbox row and the address it goes to now. */
    public record Email(DeliveryStore.Delivery delivery, Recipient recipient, String to) {
    }

    /** The host and port the mail resource points at (for the health document and the start-up line). */
    public String server() {
        String host = Optional.ofNullable(session.getProperty("mail.smtp.host")).orElse(session.getProperty("mail.host"));
        return host + ":" + Optional.ofNullable(session.getProperty("mail.smtp.port")).orElse("25");
    }

    /** Sends them in order over one connection; a connection that cannot be made leaves every one to retry. */
    public List<SendResult> send(List<Email> emails) {
        List<SendResult> results = new ArrayList<>();
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect();
            for (Email e : emails) {
                if (!transport.isConnected()) {
                    transport.connect();
                }
                results.add(sendOne(transport, e));
            }
        } catch (MessagingException | RuntimeException e) {
            String why = "SMTP server unreachable: " + describe(e);
            while (results.size() < emails.size()) {
                results.add(new SendResult.Retry(why));
            }
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the messages are sent or recorded; a failed QUIT changes nothing
                }
            }
        }
        return results;
    }

    private SendResult sendOne(Transport transport, Email e) throws MessagingException {
        MimeMessage message = compose(e);
        try {
            transport.sendMessage(message, message.getAllRecipients());
            return new SendResult.Sent(message.getMessageID());
        } catch (SendFailedException refused) {
            // the server answered for this message (a 5xx reply is final, a 4xx one is for now); the connection stays usable
            String reply = describe(refused);
            return permanent(refused) ? new SendResult.Failed("SMTP refused: " + reply) : new SendResult.Retry("SMTP deferred: " + reply);
        }
    }

    MimeMessage compose(Email e) throws MessagingException {
        DeliveryStore.Delivery d = e.delivery();
        Recipient r = e.recipient();
        NotificationKind kind = NotificationKind.valueOf(d.kind());
        String unsubscribe = settings.apiUrl().toString().replaceAll("/+$", "") + "/api/v1/unsubscribe?token="
                + URLEncoder.encode(tokens.issue(r.id(), kind), StandardCharsets.UTF_8);
        String greeting = texts.text("email.greeting", d.locale(), null, r.displayName());
        String open = texts.text("email.open", d.locale(), null);
        String why = texts.text("email.why", d.locale(), null, texts.text("kind." + kind.name(), d.locale(), null));
        String stop = texts.text("email.unsubscribe", d.locale(), null);
        String app = settings.appUrl();

        String text = greeting + "\n\n" + d.body() + "\n\n" + open + ": " + app + "\n\n-- \n" + why + "\n" + stop + ": " + unsubscribe + "\n";
        String html = "<!DOCTYPE html>\n<html lang=\"" + html(d.locale()) + "\"><head><meta charset=\"utf-8\"><title>" + html(d.title()) + "</title></head>"
                + "<body style=\"font-family:sans-serif\">\n<p>" + html(greeting) + "</p>\n<h2>" + html(d.title()) + "</h2>\n"
                + "<p>" + html(d.body()).replace("\n", "<br>") + "</p>\n"
                + "<p><a href=\"" + html(app) + "\">" + html(open) + "</a></p>\n"
                + "<hr><p style=\"font-size:small;color:#555\">" + html(why) + "<br><a href=\"" + html(unsubscribe) + "\">" + html(stop) + "</a></p>\n"
                + "</body></html>\n";

        MimeMessage m = new FixedIdMessage(session, "<" + (d.notificationId() != null ? d.notificationId() : d.id()) + ".email@"
                + settings.apiUrl().getHost() + ">");
        m.setFrom();
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(e.to(), true));
        m.setSubject(d.title(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("Content-Language", d.locale());
        m.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        m.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8", "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    /** HTML text and attribute escaping: the five characters that can end a text or an attribute. */
    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A 5xx reply anywhere in the chain is final; anything else (4xx, no reply) may pass later. */
    private static boolean permanent(MessagingException e) {
        boolean sawCode = false;
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            Matcher code = REPLY_CODE.matcher(String.valueOf(x.getMessage()));
            if (code.find()) {
                sawCode = true;
                if (code.group(1).equals("5")) {
                    return true;
                }
            }
        }
        if (!sawCode && e instanceof SendFailedException f) {
            Address[] invalid = f.getInvalidAddresses();
            return invalid != null && invalid.length > 0 && (f.getValidUnsentAddresses() == null || f.getValidUnsentAddresses().length == 0);
        }
        return false;
    }

    private static String describe(Exception e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 400; t = t.getCause() != t ? nextOf(t) : null) {
            if (!b.isEmpty()) {
                b.append(" / ");
            }
            b.append(t.getClass().getSimpleName()).append(": ").append(String.valueOf(t.getMessage()).strip());
        }
        return b.toString();
    }

    private static Throwable nextOf(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause();
    }

    /** A Message-ID made from the notification, so a message sent again after a crash is recognisable as the same one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
