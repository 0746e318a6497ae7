package org.projectspark.translation.domain;

import org.junit.jupiter.api.Test;
import org.projectspark.curriculum.domain.ActivityType;
import org.projectspark.curriculum.domain.AnswerKey;
import org.projectspark.curriculum.domain.ChoiceOption;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.domain.CourseContent;
import org.projectspark.curriculum.domain.CourseText;
import org.projectspark.curriculum.domain.LocalizedText;
import org.projectspark.curriculum.domain.QuestionType;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.InvalidRequestException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TranslationDomainTest {

    private static LocalizedText en(String text) {
        return LocalizedText.of(Map.of("en", text));
    }

    private static CourseContent content(String readingBody) {
        var reading = new CourseContent.ActivityContent(ActivityType.READING, en("Read"), en(readingBody), null, List.of());
        var quiz = new CourseContent.ActivityContent(ActivityType.QUIZ, en("Quiz"), LocalizedText.empty(), null, List.of(
                new CourseContent.QuestionContent(QuestionType.SINGLE_CHOICE, en("Half of 10?"),
                        List.of(new ChoiceOption("a", en("five")), new ChoiceOption("b", en("two"))),
                        new AnswerKey(Set.of("a"), null, null, null, null)),
                new CourseContent.QuestionContent(QuestionType.SHORT_TEXT, en("Swahili for half?"), List.of(),
                        new AnswerKey(null, null, null, null, List.of("nusu")))));
        var lesson = new CourseContent.LessonContent(en("What is a half?"), LocalizedText.empty(), List.of(reading, quiz));
        return new CourseContent("math", "en", en("Fractions"), LocalizedText.empty(),
                List.of(new CourseContent.UnitContent(en("Unit 1"), List.of(lesson))));
    }

    @Test
    void aCourseListsItsTextsByAddressAndNeverItsAnswerKeys() {
        Course course = Course.draft(content("A half is one of two equal parts."), UUID.randomUUID());
        assertThat(course.texts()).extracting(CourseText::path).containsExactly(
                "title", "u0.title", "u0.l0.title", "u0.l0.a0.title", "u0.l0.a0.body", "u0.l0.a1.title",
                "u0.l0.a1.q0.prompt", "u0.l0.a1.q0.o:a", "u0.l0.a1.q0.o:b", "u0.l0.a1.q1.prompt");
        assertThat(course.texts()).extracting(t -> t.text().in("en", "en")).doesNotContain("nusu");
        UUID lesson = course.units().get(0).lessons().get(0).id();
        assertThat(course.lessonTexts(lesson).orElseThrow()).extracting(CourseText::path).startsWith("u0.l0.title").doesNotContain("title", "u0.title");
        assertThat(course.lessonTexts(UUID.randomUUID())).isEmpty();
    }

    @Test
    void publishedTranslationsBecomeTheLocalesTextsAndANewContentVersion() {
        Course course = Course.draft(content("A half."), UUID.randomUUID());
        course.publish();
        int version = course.contentVersion();
        Set<String> put = course.putTranslations("sw", Map.of("title", "Sehemu ", "u0.l0.a1.q0.o:b", "mbili", "u9.title", "nothing"));
        assertThat(put).containsExactlyInAnyOrder("title", "u0.l0.a1.q0.o:b");
        assertThat(course.contentVersion()).isEqualTo(version + 1);
        assertThat(course.title().in("sw", "en")).isEqualTo("Sehemu");
        assertThat(course.title().in("en", "en")).isEqualTo("Fractions");
        var question = course.units().get(0).lessons().get(0).activities().get(1).questions().get(0);
        assertThat(question.options().get(1).text().in("sw", "en")).isEqualTo("mbili");
        assertThat(question.answerKey().correctOptions()).containsExactly("a");
        assertThatThrownBy(() -> course.putTranslations("en", Map.of("title", "x"))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aTextTranslatedOnceIsNotSentAgainAndAChangedSourceMakesItStale() {
        TranslatedText t = TranslatedText.pending(UUID.randomUUID(), "sw", "title", "en", "Fractions", UUID.randomUUID());
        assertThat(t.translates("Fractions")).as("pending: not translated yet").isFalse();
        t.translated("  Sehemu ");
        assertThat(t.status()).isEqualTo(TextStatus.DRAFT);
        assertThat(t.draftText()).contains("Sehemu");
        assertThat(t.translates("Fractions")).isTrue();
        assertThat(t.translates("Fractions and halves")).isFalse();

        t.sourceNow(Optional.of("Fractions"), Optional.empty());
        assertThat(t.status()).isEqualTo(TextStatus.DRAFT);
        t.sourceNow(Optional.of("Fractions and halves"), Optional.empty());
        assertThat(t.status()).isEqualTo(TextStatus.STALE);
        assertThat(t.reason()).contains("the source text changed after it was translated");

        t.edit("Sehemu na nusu", "Fractions and halves");
        assertThat(t.status()).isEqualTo(TextStatus.DRAFT);
        assertThat(t.edited()).isTrue();
        assertThat(t.translates("Fractions and halves")).isTrue();
    }

    @Test
    void aPublishedTextTheAuthorDroppedIsADraftAgainAndAPendingOneIsNotEdited() {
        TranslatedText t = TranslatedText.pending(UUID.randomUUID(), "sw", "title", "en", "Fractions", UUID.randomUUID());
        assertThatThrownBy(() -> t.edit("x", "Fractions")).isInstanceOf(ConflictException.class);
        t.translated("Sehemu");
        t.published();
        t.sourceNow(Optional.of("Fractions"), Optional.of("Sehemu"));
        assertThat(t.status()).isEqualTo(TextStatus.PUBLISHED);
        t.sourceNow(Optional.of("Fractions"), Optional.empty());
        assertThat(t.status()).isEqualTo(TextStatus.DRAFT);
        t.sourceNow(Optional.empty(), Optional.empty());
        assertThat(t.status()).isEqualTo(TextStatus.STALE);
        assertThat(t.reason().orElseThrow()).contains("removed");
    }

    @Test
    void failuresAreRecordedOnlyForTextsStillWaitingAndDraftsOfTheSameTextAreReused() {
        UUID course = UUID.randomUUID();
        TranslatedText first = TranslatedText.pending(course, "sw", "u0.l0.a0.title", "en", "Read", UUID.randomUUID());
        first.failed("the provider answered 500: boom after 4 tries");
        assertThat(first.status()).isEqualTo(TextStatus.FAILED);
        assertThat(first.reason()).contains("the provider answered 500: boom after 4 tries");
        assertThat(first.draft()).isEmpty();
        first.translated("late answer");
        assertThat(first.status()).as("a late answer does not revive it").isEqualTo(TextStatus.FAILED);

        TranslatedText a = TranslatedText.pending(course, "sw", "u0.title", "en", "Quiz", UUID.randomUUID());
        a.translated("Jaribio");
        TranslatedText b = TranslatedText.pending(course, "sw", "u1.title", "en", "Quiz", UUID.randomUUID());
        b.reuse(a.draft().orElseThrow());
        assertThat(b.draftText()).contains("Jaribio");
        TranslatedText c = TranslatedText.pending(course, "sw", "u2.title", "en", "Other", UUID.randomUUID());
        assertThatThrownBy(() -> c.reuse(a.draft().orElseThrow())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void targetLocalesAreLanguageTagsOfKnownLanguages() {
        assertThat(TargetLocale.of("sw").tag()).isEqualTo("sw");
        assertThat(TargetLocale.of("fr-cm").tag()).isEqualTo("fr-CM");
        assertThat(TargetLocale.of("fr-CM").language()).isEqualTo("fr");
        assertThat(TargetLocale.of("swa").language()).isIn("sw", "swa");
        assertThatThrownBy(() -> TargetLocale.of("xx")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown locale");
        assertThatThrownBy(() -> TargetLocale.of("qqq")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> TargetLocale.of("not a tag")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> TargetLocale.of(null)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aJobWithNothingToSendIsDoneAtOnceAndOneThatTranslatedNothingFailed() {
        TranslationJob done = TranslationJob.queued(UUID.randomUUID(), Optional.empty(), "sw", "en", UUID.randomUUID(), "host/server");
        done.counted(10, 10, 0);
        assertThat(done.status()).isEqualTo(JobStatus.DONE);

        TranslationJob failed = TranslationJob.queued(UUID.randomUUID(), Optional.empty(), "sw", "en", UUID.randomUUID(), "host/server");
        failed.counted(2, 0, 2);
        failed.start();
        failed.called(2, false);
        failed.finish();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.providerCalls()).isEqualTo(1);
        assertThat(failed.abandoned(java.time.OffsetDateTime.now().plusHours(3))).isFalse();
    }
}
