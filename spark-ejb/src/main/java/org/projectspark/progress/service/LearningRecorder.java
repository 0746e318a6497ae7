package org.projectspark.progress.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Profile;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.ActivityType;
import org.projectspark.curriculum.domain.Answer;
import org.projectspark.curriculum.domain.Grading;
import org.projectspark.gamification.domain.Streak;
import org.projectspark.gamification.domain.StudentBadge;
import org.projectspark.gamification.domain.XpRules;
import org.projectspark.gamification.service.GamificationSettings;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.progress.domain.Handin;
import org.projectspark.progress.domain.ProgressStatus;
import org.projectspark.progress.domain.StudentProgress;
import org.projectspark.progress.domain.Submission;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.progress.persistence.ProgressRepository;
import org.projectspark.progress.persistence.PublishedActivities;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The learning acts, one use case each, for both doors: the REST resources (the act happens now and earns XP) and
 * offline sync (it happened at the device's time, and earns XP only when it is plausible; one held for a teacher's
 * review moves progress but earns no XP, streak day or badge). Each runs in the caller's transaction with the
 * student's profile row already locked ({@link LearningRewards#lockProfile}); the caller fires the events after.
 */
@ApplicationScoped
public class LearningRecorder {

    @Inject
    PublishedActivities published;

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    GamificationSettings gamification;

    @Inject
    LearningRewards rewards;

    @Inject
    ProgressRepository progressRecords;

    @Inject
    LearningContext known;

    /** A submission the student already made with this client id, with its first result. */
    private Optional<SubmissionResult> earlierSubmission(Profile profile, UUID clientSubmissionId) {
        return known.submission(em, profile.userId(), clientSubmissionId).map(s -> replay(s, profile));
    }

    /**
     * Reads ahead, in one query, what {@link #answerQuiz} will read for a submission to the activity at {@code at}: an
     * earlier submission with this client id, and what rewarding a new one reads (XP held for the activity and that
     * day, badges).
     */
    public void preloadQuiz(Profile profile, UUID clientSubmissionId, UUID activityId, OffsetDateTime at) {
        known.preloadSubmission(em, profile.userId(), clientSubmissionId, activityId, at.atZoneSameInstant(profile.zone()).toLocalDate(),
                profile.zone());
    }

    /**
     * A quiz answered at {@code at}: an attempt already submitted (the same client id) gets its first result again;
     * a new one is graded, stored, moves progress forward and, when it {@code earnsXp}, is rewarded.
     */
    public SubmissionResult answerQuiz(Profile profile, Activity quiz, UUID clientSubmissionId, List<Answer> answers,
                                       OffsetDateTime at, boolean earnsXp) {
        Optional<SubmissionResult> earlier = earlierSubmission(profile, clientSubmissionId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (quiz.type() != ActivityType.QUIZ) {
            throw new InvalidRequestException("activity " + quiz.id() + " is a " + quiz.type() + ", not a quiz");
        }
        Grading grading = quiz.grade(answers); // refuses unknown or repeated questions before anything is written
        return submit(profile, quiz, clientSubmissionId, answers, grading, at, earnsXp);
    }

    /** A lesson opened at {@code at}: its first activity is visited (progress 0, which starts the lesson). */
    public ProgressResult openLesson(Profile profile, UUID lessonId, OffsetDateTime at, boolean earnsXp) {
        Activity first = published.firstOfLesson(lessonId)
                .orElseThrow(() -> new NotFoundException("There is no published lesson with id " + lessonId));
        return recordProgress(profile, first, 0, at, earnsXp);
    }

    /** Stores a quiz attempt already graded, moves progress forward and rewards it. */
    private SubmissionResult submit(Profile profile, Activity activity, UUID clientSubmissionId, List<Answer> answers,
                                    Grading grading, OffsetDateTime at, boolean rewarded) {
        UUID studentId = profile.userId();
        XpRules rules = gamification.rules();
        StudentProgress progress = progressRecords.progressOf(studentId, activity, at);
        progress.recordAttempt(grading.score(), rules.passScore(), at);

        Submission submission = new Submission(clientSubmissionId, studentId, activity.id(), progress.attempts(),
                answers, grading.results(), grading.score(), grading.correct(), grading.total(), 0, at);
        known.submitted(submission);
        LearningRewards.Rewards earned = LearningRewards.Rewards.NONE;
        if (rewarded) {
            earned = rewardAttempt(profile, activity, () -> progress, grading.score(), grading.isPerfect(), at, submission.id());
            submission.recordXp(earned.xp());
        }
        // written once, with its XP (the badges that refer to it are checked at commit)
        em.persist(submission);
        return new SubmissionResult(submission.id(), clientSubmissionId, activity.id(), submission.attempt(), submission.score(),
                grading.correct(), grading.total(), grading.results(), earned.xp(), profile.xpPoints(), profile.level(),
                earned.badges().stream().map(Enum::name).sorted().toList(), earned.streakDays(), submission.submittedAt(), false);
    }

    /** Progress in an activity done by reading, watching or listening (or a visit to any activity); forward only. */
    public ProgressResult recordProgress(Profile profile, Activity activity, int percent, OffsetDateTime at, boolean earnsXp) {
        StudentProgress progress = progressRecords.progressOf(profile.userId(), activity, at);
        boolean completedNow = progress.recordProgress(percent, activity.type().completesWhenDone(), at);
        // every time the student finishes it is a day of learning (its XP is earned once), so the days do not depend
        // on the order offline events arrive in: a later finish that arrives first counts its day, as it does in order
        boolean finished = completedNow || (activity.type().completesWhenDone() && percent == 100);
        LearningRewards.Rewards earned = LearningRewards.Rewards.NONE;
        if (finished && earnsXp) {
            earned = rewardCompletion(profile, activity, progress, at);
        }
        return ProgressResult.of(progress, earned, profile.xpPoints(), profile.level());
    }

    /**
     * A file handed in for an assignment at {@code at}: recorded for the teacher to grade, and a visit to the activity
     * (an assignment completes when it is graded). The file is one the server issued to the student; handing it in
     * again for the same activity answers the first hand-in and changes nothing.
     *
     * @param handinId the new hand-in's id (an offline event's own id)
     */
    public HandinResult handIn(Profile profile, Activity assignment, StoredFile file, UUID handinId, OffsetDateTime at, boolean earnsXp) {
        if (assignment.type() != ActivityType.ASSIGNMENT) {
            throw new InvalidRequestException("activity " + assignment.id() + " is a " + assignment.type() + ", not an assignment");
        }
        if (!file.isOwnedBy(profile.userId()) || file.isPublic()) {
            throw new NotFoundException("No file with id " + file.id() + " among your uploads");
        }
        Optional<Handin> earlier = em.createNamedQuery(Handin.OF_FILE, Handin.class).setParameter("file", file.id())
                .setParameter("activity", assignment.id()).getResultStream().findFirst();
        if (earlier.isPresent()) {
            StudentProgress progress = progressRecords.progressOf(profile.userId(), assignment, at);
            return new HandinResult(earlier.get(), ProgressResult.of(progress, LearningRewards.Rewards.NONE, profile.xpPoints(), profile.level()), true);
        }
        Handin handin = new Handin(handinId, profile.userId(), assignment, file, at);
        em.persist(handin);
        return new HandinResult(handin, recordProgress(profile, assignment, 0, at, earnsXp), false);
    }

    /** A published activity, as grading and progress read it. */
    public Optional<Activity> publishedActivity(UUID id) {
        return published.find(id);
    }

    /**
     * Reads ahead what a batch of learning acts will read, in a few queries rather than several per act or per day:
     * the progress rows of its activities, of the lessons' first activities and of the rest of their lessons, earlier
     * submissions with these client ids, and what rewarding them reads (XP reasons, the XP of their days, badges).
     */
    public void readAhead(Profile profile, Set<UUID> activities, Set<UUID> lessons, Set<UUID> clientSubmissionIds, Set<LocalDate> days) {
        Set<UUID> acts = new HashSet<>(activities);
        lessons.forEach(l -> published.firstOfLesson(l).ifPresent(a -> acts.add(a.id())));
        Set<UUID> rows = new HashSet<>(acts);
        acts.forEach(id -> published.find(id).ifPresent(a -> rows.addAll(published.requiredForLesson(a.lesson().id()))));
        known.preloadProgress(em, profile.userId(), rows);
        known.preloadSubmissions(em, profile.userId(), clientSubmissionIds);
        known.preloadRewards(em, profile.userId(), acts, days, profile.zone());
    }

    /** Locks the student's profile row for a learning act: acts of one student apply one at a time on every instance. */
    public Profile lockLearner(UUID studentId) {
        return rewards.lockProfile(studentId);
    }

    /**
     * A quiz answer that was held for review (it moved progress and earned nothing) and that a teacher accepted: it
     * earns now what it would have earned at {@code at}, never twice (the ledger holds each award once).
     *
     * @return the XP it earned now
     */
    public int rewardAcceptedQuiz(Profile profile, UUID clientSubmissionId, OffsetDateTime at) {
        Optional<Submission> submission = known.submission(em, profile.userId(), clientSubmissionId);
        Optional<Activity> activity = submission.flatMap(s -> published.find(s.activityId()));
        if (activity.isEmpty()) {
            return 0;
        }
        Submission s = submission.get();
        boolean perfect = s.questionCount() > 0 && s.correctCount() == s.questionCount();
        LearningRewards.Rewards earned = rewardAttempt(profile, activity.get(),
                () -> progressRecords.progressOf(profile.userId(), activity.get(), at), s.score().doubleValue(), perfect, at, s.id());
        s.recordXp(s.xpAwarded() + earned.xp());
        return earned.xp();
    }

    /**
     * Progress that was held for review and that a teacher accepted: if it completed the activity, the completion
     * earns now what it would have earned at {@code at}, never twice.
     *
     * @return the XP it earned now
     */
    public int rewardAcceptedProgress(Profile profile, UUID activityId, OffsetDateTime at) {
        Optional<Activity> activity = published.find(activityId);
        if (activity.isEmpty()) {
            return 0;
        }
        StudentProgress progress = progressRecords.progressOf(profile.userId(), activity.get(), at);
        if (progress.status() != ProgressStatus.COMPLETED) {
            return 0;
        }
        return rewardCompletion(profile, activity.get(), progress, at).xp();
    }

    /**
     * A teacher's grades of an assignment changed (a hand-in graded or regraded; the student's profile is locked): the
     * best grade becomes the activity's score and completes it from {@code XP_PASS_SCORE}, and the XP the grades are worth
     * ({@link XpRules#forGrade} of the best) moves by the difference with what they were worth before, in one ledger line
     * under {@code source}. However often grades change, the ledger then holds exactly what the current grades are worth.
     *
     * @param bestBefore the best grade before this change, none when this is the first
     * @param graded     how many of the student's hand-ins of the assignment are graded now
     */
    public ProgressResult recordGrade(Profile profile, Activity assignment, java.util.OptionalInt bestBefore, int bestNow, int graded,
                                      OffsetDateTime at, UUID source) {
        XpRules rules = gamification.rules();
        StudentProgress progress = progressRecords.progressOf(profile.userId(), assignment, at);
        progress.recordGrade(bestNow, graded, rules.passScore(), at);
        int before = bestBefore.isPresent() ? rules.forGrade(bestBefore.getAsInt()) : 0;
        LearningRewards.Rewards earned = rewards.gradeChanged(profile, rules.forGrade(bestNow) - before, source, at);
        return ProgressResult.of(progress, earned, profile.xpPoints(), profile.level());
    }

    /**
     * A graded quiz attempt's rewards. The first passing attempt that counts completes it for rewards (an implausible
     * one may have completed it before); its progress row is read only for a pass.
     */
    private LearningRewards.Rewards rewardAttempt(Profile profile, Activity quiz, Supplier<StudentProgress> progress, double score,
                                                  boolean perfect, OffsetDateTime at, UUID submissionId) {
        XpRules rules = gamification.rules();
        boolean passed = score >= rules.passScore();
        boolean credited = passed && progress.get().credit(at);
        return rewards.reward(profile, new LearningRewards.Learning(quiz, rules.awardsFor(score, perfect), credited, passed,
                perfect, at, submissionId));
    }

    /** A completed activity's rewards (its XP earned once: {@code credit} says whether this completion counts). */
    private LearningRewards.Rewards rewardCompletion(Profile profile, Activity activity, StudentProgress progress, OffsetDateTime at) {
        return rewards.reward(profile, new LearningRewards.Learning(activity, gamification.rules().awardsForCompletion(),
                progress.credit(at), false, false, at, null));
    }

    private SubmissionResult replay(Submission s, Profile profile) {
        int streakDays = Optional.ofNullable(em.find(Streak.class, profile.userId()))
                .map(st -> st.currentAsOf(OffsetDateTime.now(ZoneOffset.UTC).atZoneSameInstant(profile.zone()).toLocalDate())).orElse(0);
        List<String> badges = em.createNamedQuery(StudentBadge.OF_SUBMISSION, StudentBadge.class)
                .setParameter("submission", s.id()).getResultList().stream().map(b -> b.badge().name()).toList();
        return new SubmissionResult(s.id(), s.clientSubmissionId(), s.activityId(), s.attempt(), s.score(), s.correctCount(),
                s.questionCount(), s.feedback(), s.xpAwarded(), profile.xpPoints(), profile.level(),
                badges, streakDays, s.submittedAt(), true);
    }
}
