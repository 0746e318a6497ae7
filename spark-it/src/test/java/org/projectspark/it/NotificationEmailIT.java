package org.projectspark.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications by email against a real SMTP server (GreenMail) on loopback, which the test domain's mail/spark
 * resource points at with SMTP AUTH (the password from a password alias): the guardian's copy of a teacher's message
 * arrives in the guardian's language as text and HTML, with a working one-click unsubscribe; and with the SMTP server
 * down while messages are raised, every one arrives exactly once when it is back.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationEmailIT extends DeployedEar {

    private static final int PORT = Integer.getInteger("spark.smtpPort", 20025);
    private static GreenMail smtp;

    @BeforeAll
    static void startSmtp() {
        smtp = newSmtp();
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static GreenMail newSmtp() {
        GreenMail g = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        // SMTP AUTH as the test domain's mail resource logs in; a wrong password would be refused
        g.setUser("smtp-login@school.test", System.getProperty("spark.smtpUser"), System.getProperty("spark.smtpPassword"));
        return g;
    }

    @Test
    void aTeachersMessageReachesTheGuardianInSwahiliAsTextAndEscapedHtml() throws Exception {
        Households.Household h = Households.household("sw");
        h.message("Leteni <b>maji</b> & \"sabuni\" kesho");

        MimeMessage mail = awaitMailsTo(h.guardianEmail(), 1, Duration.ofSeconds(30)).get(0);
        assertThat(mail.getSubject()).startsWith("Ujumbe kutoka kwa ").contains(" kuhusu Student ");
        assertThat(mail.getHeader("Content-Language", null)).isEqualTo("sw");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("spark@school.test");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        Part text = parts.getBodyPart(0);
        Part html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("utf-8");
        assertThat((String) text.getContent()).contains("Habari Mama ", "Leteni <b>maji</b> & \"sabuni\" kesho", "Acha barua pepe kama hii");
        assertThat((String) html.getContent()).contains("<html lang=\"sw\">", "Leteni &lt;b&gt;maji&lt;/b&gt; &amp; &quot;sabuni&quot; kesho")
                .doesNotContain("<b>maji</b>");

        // the one-click unsubscribe: GET asks, POST (as a mail client's List-Unsubscribe-Post) does it
        String listUnsubscribe = mail.getHeader("List-Unsubscribe", null);
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        Matcher link = Pattern.compile("<(http[^>]+)>").matcher(listUnsubscribe);
        assertThat(link.find()).isTrue();
        URI unsubscribe = URI.create(link.group(1));
        assertThat(unsubscribe.toString()).startsWith(Api.BASE + "/api/v1/unsubscribe?token=");
        String path = unsubscribe.getRawPath() + "?" + unsubscribe.getRawQuery();

        Api.Reply ask = Api.get(path, null);
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.header("Content-Type")).startsWith("text/html");
        assertThat(ask.body()).contains("lang=\"sw\"", "ujumbe wa walimu", "<form method=\"post\"");
        assertThat(preferenceOf(h.guardian(), "TEACHER_MESSAGE").getBoolean("email")).as("a GET changes nothing").isTrue();

        Api.Reply forged = Api.get(path.substring(0, path.length() - 3) + "AAA", null);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");

        Api.Reply done = Api.send(Api.request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Imekamilika");
        assertThat(preferenceOf(h.guardian(), "TEACHER_MESSAGE").getBoolean("email")).isFalse();
        assertThat(preferenceOf(h.guardian(), "CHILD_INACTIVE").getBoolean("email")).as("only that one preference").isTrue();

        h.message("Hii haitumwi kwa barua pepe");
        Thread.sleep(3000);
        assertThat(mailsTo(h.guardianEmail())).hasSize(1);
    }

    @Test
    void withTheSmtpServerDownForAWhileEveryMessageArrivesOnceWhenItIsBack() throws Exception {
        Households.Household h = Households.household("en");
        smtp.stop();
        List<String> texts = new ArrayList<>();
        try {
            for (int i = 1; i <= 4; i++) {
                texts.add("Outage message " + i + " " + Api.uniqueName("m"));
                h.message(texts.get(texts.size() - 1));
            }
            // several rounds of failed attempts (retries from 0.5 s, capped at 2 s in the test domain)
            Thread.sleep(5000);
            JsonObject email = Api.get("/api/v1/health", null).json().getJsonObject("services").getJsonObject("email");
            assertThat(email.getString("status")).isIn("healthy", "degraded");
            assertThat(email.getInt("waiting")).isGreaterThanOrEqualTo(4);
        } finally {
            smtp = newSmtp();
        }
        List<MimeMessage> got = awaitMailsTo(h.guardianEmail(), 4, Duration.ofSeconds(30));
        Thread.sleep(4000); // a message sent twice would show up by now
        got = mailsTo(h.guardianEmail());
        List<String> bodies = new ArrayList<>();
        for (MimeMessage m : got) {
            bodies.add((String) ((Multipart) m.getContent()).getBodyPart(0).getContent());
        }
        assertThat(got).hasSize(4);
        for (String t : texts) {
            assertThat(bodies.stream().filter(b -> b.contains(t))).as(t).hasSize(1);
        }
        assertThat(got.stream().map(this::messageId).distinct()).hasSize(4);
    }

    @Test
    void preferencesSayWhatIsOnAndRefuseWhatIsNotOffered() {
        Fixtures.Member student = Fixtures.newStudent(null);
        JsonObject prefs = Api.get("/api/v1/me/notification-preferences", student.token()).json();
        assertThat(prefs.getJsonObject("email").getBoolean("on")).isTrue();
        assertThat(prefs.getJsonObject("email").getBoolean("usable")).isFalse();
        assertThat(preferenceOf(student, "BADGE_EARNED").getBoolean("email")).as("students: in-app only by default").isFalse();

        Api.Reply sms = Api.put("/api/v1/me/notification-preferences", "{\"kinds\":[{\"kind\":\"TEACHER_MESSAGE\",\"sms\":true}]}", student.token());
        assertThat(sms.status()).isEqualTo(400);
        Api.Reply unknown = Api.put("/api/v1/me/notification-preferences", "{\"kinds\":[{\"kind\":\"NO_SUCH_KIND\",\"email\":true}]}", student.token());
        assertThat(unknown.status()).isEqualTo(400);
        Api.Reply empty = Api.put("/api/v1/me/notification-preferences", "{\"kinds\":[]}", student.token());
        assertThat(empty.status()).isEqualTo(400);
        Api.Reply on = Api.put("/api/v1/me/notification-preferences", "{\"kinds\":[{\"kind\":\"BADGE_EARNED\",\"email\":true}]}", student.token());
        assertThat(on.status()).isEqualTo(200);
        assertThat(preferenceOf(student, "BADGE_EARNED").getBoolean("email")).isTrue();
        assertThat(Api.get("/api/v1/me/notification-preferences", null).status()).isEqualTo(401);
    }

    private static JsonObject preferenceOf(Fixtures.Member user, String kind) {
        return Api.get("/api/v1/me/notification-preferences", user.token()).json().getJsonArray("kinds").stream()
                .map(v -> (JsonObject) v).filter(k -> k.getString("kind").equals(kind)).findFirst().orElseThrow();
    }

    private String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                to.add(m);
            }
        }
        return to;
    }

    private static List<MimeMessage> awaitMailsTo(String address, int count, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            List<MimeMessage> got = mailsTo(address);
            if (got.size() >= count) {
                return got;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + count + " emails to " + address + " within " + within + ", got " + mailsTo(address).size());
    }
}
