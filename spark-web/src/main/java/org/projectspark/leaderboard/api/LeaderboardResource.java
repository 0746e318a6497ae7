package org.projectspark.leaderboard.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.account.service.ProfileChanged;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.leaderboard.domain.Board;
import org.projectspark.leaderboard.domain.Standing;
import org.projectspark.leaderboard.service.BoardPage;
import org.projectspark.leaderboard.service.BoardReaders;
import org.projectspark.leaderboard.service.Leaderboards;
import org.projectspark.leaderboard.service.StudentCards;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.http.CurrentRequest;
import org.projectspark.platform.cache.Copies;
import org.projectspark.platform.cache.InstanceCopies;
import org.projectspark.platform.http.HeldAnswers;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;
import org.projectspark.school.service.MembershipChanged;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Leaderboards: global (everyone may look), a school's (its members), a class's (its students and
 * teachers, the school's admins); all-time or this week. {@code /me} is the caller's rank with the
 * neighbours around them. One pair of methods serves every board ({@link BoardAddress}), so the parameters, their
 * messages and the access step are the same for all. The {@code X-Leaderboard-Source} header says whether Redis or PostgreSQL answered.
 */
@Path("leaderboards")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
@Tag(name = ApiDoc.LEADERBOARDS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class LeaderboardResource {

    private static final String PERIOD = "all|week";
    private static final String PERIOD_MESSAGE = "is 'all' (all time) or 'week' (this week, from Monday 00:00 UTC)";

    @Inject
    Leaderboards leaderboards;

    @Inject
    StudentCards cards;

    @Inject
    BoardReaders readers;

    @Inject
    HeldAnswers held;

    @Inject
    InstanceCopies copies;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    /** A board's place in the URL: {@code global}, {@code schools/{id}} or {@code classes/{id}}. */
    private static final String BOARD = "{board: global|schools/[^/]+|classes/[^/]+}";

    @GET
    @Path(BOARD)
    @Operation(operationId = "topOfBoard", summary = "The top of a board: global, schools/{id} or classes/{id}, all time or this week")
    @APIResponse(responseCode = "200", description = "The board; X-Leaderboard-Source says whether Redis or PostgreSQL answered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeaderboardView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response top(@PathParam("board") BoardAddress board,
                        @QueryParam("period") @DefaultValue("all") @Pattern(regexp = PERIOD, message = PERIOD_MESSAGE) String period,
                        @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return top(() -> board.at(period), nameOf(board), limit);
    }

    @GET
    @Path(BOARD + "/me")
    @Operation(operationId = "myRank", summary = "The signed-in student's rank on a board, with their neighbours")
    @APIResponse(responseCode = "200", description = "The student's part of the board",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeaderboardView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response me(@PathParam("board") BoardAddress board,
                       @QueryParam("period") @DefaultValue("all") @Pattern(regexp = PERIOD, message = PERIOD_MESSAGE) String period,
                       @QueryParam("neighbours") @DefaultValue("2") @Min(0) @Max(10) int neighbours) {
        return around(() -> board.at(period), nameOf(board), neighbours);
    }

    /** The access step: a school's or class's name for a caller who may see its board (null for the global one), else a refusal. */
    private Supplier<String> nameOf(BoardAddress board) {
        UUID caller = Caller.current().id();
        return switch (board.scope()) {
            case GLOBAL -> () -> null;
            case SCHOOL -> () -> readers.schoolName(caller, board.id());
            case CLASS -> () -> readers.className(caller, board.id());
        };
    }

    /** A top-N page and its answer as anyone not on it sees it; {@code key} tells this rendering from the next. */
    private record Rendered(BoardPage page, String name, HeldAnswers.Answer answer, String key) {
    }

    private final AtomicLong renderings = new AtomicLong();

    /**
     * A class (or a whole country) opens the same top ten at the same time: each instance renders it once a
     * second at most, and at once again after a change committed on any instance. Whoever is on the page gets it
     * rendered for them ({@code me}). A reader's answer is held ({@link HeldAnswers}) while the rendering it came
     * from is the current one and {@code nameNow}, the access step (a board's name, null for the global one), still
     * lets them see it.
     */
    private Copies<String, Rendered> recentTops;

    @PostConstruct
    void init() {
        recentTops = copies.of("top-boards", Duration.ofSeconds(1), 10_000, key -> key);
    }

    private Response top(Supplier<Board> boardNow, Supplier<String> nameNow, int limit) {
        Caller caller = Caller.current();
        String name = nameNow.get();
        Board board = boardNow.get();
        AtomicBoolean rendered = new AtomicBoolean();
        Rendered r = recentTops.get(board.key() + "|" + limit, k -> {
            rendered.set(true);
            BoardPage page = leaderboards.top(board, limit);
            return new Rendered(page, name, encode(page, view(page, name, null)), k + "|" + renderings.incrementAndGet() + "|" + name);
        });
        Supplier<String> recheck = () -> {
            String nameSeen = nameNow.get();
            Rendered current = recentTops.find(boardNow.get().key() + "|" + limit).orElse(null);
            return current == null || !Objects.equals(current.name(), nameSeen) ? "" : current.key();
        };
        return held.answer(caller, CurrentRequest.get(), r.key(), recheck, built -> {
            built.set(rendered.get());
            boolean onPage = r.page().standings().stream().anyMatch(s -> s.studentId().equals(caller.id()));
            return onPage ? encode(r.page(), view(r.page(), name, caller.id())) : r.answer();
        });
    }

    private HeldAnswers.Answer encode(BoardPage page, LeaderboardView view) {
        return HeldAnswers.Answer.of(MediaType.APPLICATION_JSON, jsonb.toJson(view).getBytes(StandardCharsets.UTF_8),
                Map.of("X-Leaderboard-Source", page.source().name().toLowerCase(java.util.Locale.ROOT)));
    }

    void profileChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged changed) {
        recentTops.dropAll();
    }

    void standingChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StandingChanged changed) {
        recentTops.dropAll();
    }

    void membershipChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChanged changed) {
        recentTops.dropAll();
    }

    private LeaderboardView view(BoardPage page, String name, UUID caller) {
        return LeaderboardView.of(page, name, cardsOf(page), caller);
    }

    private Map<UUID, StudentCards.Card> cardsOf(BoardPage page) {
        return cards.of(page.standings().stream().map(Standing::studentId).toList());
    }

    /**
     * The caller's rank and neighbours, read from the board on every request. A student polls their rank far more
     * often than it moves, so the rendering (JSON, gzip) is held ({@link HeldAnswers}) while a fresh read of the
     * board finds the same standings and the same cards of the students on it: the recheck is that read, from Redis (a
     * board that needs rebuilding, or Redis down, leaves the request to this method), and any change renders anew.
     */
    private Response around(Supplier<Board> boardNow, Supplier<String> nameNow, int neighbours) {
        Caller caller = Caller.current();
        // as profiles.ranked: staff who also hold the student role are not ranked
        if (!caller.is("STUDENT") || caller.is("TEACHER") || caller.is("SCHOOL_ADMIN") || caller.is("ADMIN")) {
            throw new AccessDeniedException("Only students have a place on leaderboards");
        }
        String name = nameNow.get();
        BoardPage page = leaderboards.around(boardNow.get(), caller.id(), neighbours);
        Supplier<Seen> recheck = () -> {
            String nameSeen = nameNow.get();
            return leaderboards.aroundInRedis(boardNow.get(), caller.id(), neighbours).map(now -> seen(now, nameSeen)).orElse(null);
        };
        Seen seen = seen(page, name);
        return held.answer(caller, CurrentRequest.get(), seen, recheck, built -> {
            built.set(true);
            return encode(page, LeaderboardView.of(page, name, seen.cards(), caller.id()));
        });
    }

    /** Everything a rendering of a rank read shows: two equal ones render the same bytes (compared as values, no text built). */
    private record Seen(BoardPage page, String boardName, Map<UUID, StudentCards.Card> cards) {
    }

    private Seen seen(BoardPage page, String name) {
        return new Seen(page, name, cardsOf(page));
    }

}
