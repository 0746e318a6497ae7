package org.projectspark.school.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/** A school: its own time zone (when its days and weeks begin) and the language its content defaults to. */
@Entity
@Table(name = "schools")
public class School {

    @Id
    private UUID id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(name = "default_locale", nullable = false, length = 35)
    private String defaultLocale;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected School() {
    }

    public School(String name, ZoneId zone, String defaultLocale) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.timeZone = zone.getId();
        this.defaultLocale = defaultLocale;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() { return id; }
    public String name() { return name; }
    public ZoneId zone() { return ZoneId.of(timeZone); }
    public String defaultLocale() { return defaultLocale; }
}
