package org.projectspark.sync.service;

import org.projectspark.sync.domain.EventOutcome;

import java.util.List;
import java.util.UUID;

/**
 * What became of one uploaded event. A DUPLICATE carries what the server holds of it: {@code original} is what became
 * of it (APPLIED or REJECTED, for good; WAITING while the file it names has not arrived) with its reason, flags and
 * result. A WAITING event is held: its {@code reason} says what it waits for and its result names the upload.
 */
public record EventResult(int index, UUID eventId, Status status, String original, String reason, List<String> flags,
                          EventOutcome result) {

    public enum Status { APPLIED, DUPLICATE, REJECTED, WAITING }

    static EventResult applied(IncomingEvent e, List<String> flags, EventOutcome result) {
        return new EventResult(e.index(), e.id(), Status.APPLIED, null, null, flags, result);
    }

    static EventResult rejected(IncomingEvent e, String reason) {
        return new EventResult(e.index(), e.id(), Status.REJECTED, null, reason, List.of(), null);
    }

    static EventResult waiting(IncomingEvent e, String reason, EventOutcome result) {
        return new EventResult(e.index(), e.id(), Status.WAITING, null, reason, List.of(), result);
    }

    static EventResult duplicate(IncomingEvent e, EventResult first) {
        String was = first.status() == Status.DUPLICATE ? first.original() : first.status().name();
        return new EventResult(e.index(), e.id(), Status.DUPLICATE, was, first.reason(), first.flags(), first.result());
    }
}
