package org.projectspark.leaderboard.api;

import org.projectspark.leaderboard.domain.Board;
import org.projectspark.platform.http.ParameterConverters;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Where a board is in the URL: {@code global}, {@code schools/{id}} or {@code classes/{id}}. An id that is not one is
 * refused as any id parameter is (a 400 naming {@code id}), not as an unknown path.
 */
public record BoardAddress(Board.Scope scope, UUID id) {

    /** For JAX-RS: the path's {@code board} part, already matched by the resource's template. */
    public static BoardAddress valueOf(String path) {
        if (path.equals("global")) {
            return new BoardAddress(Board.Scope.GLOBAL, null);
        }
        int slash = path.indexOf('/');
        Board.Scope scope = path.startsWith("schools/") ? Board.Scope.SCHOOL : Board.Scope.CLASS;
        return new BoardAddress(scope, ParameterConverters.id("id", path.substring(slash + 1)));
    }

    /** The board as of now for a period code ({@code all}, {@code week}). */
    Board at(String period) {
        return Board.of(scope, id, Board.Period.ofCode(period), OffsetDateTime.now(ZoneOffset.UTC));
    }
}
