package org.projectspark.school.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A class of one school, taught by one or more teachers; students join it with its join code or are enrolled. */
@Entity
@Table(name = "classes")
@NamedQuery(name = SchoolClass.BY_JOIN_CODE, query = "SELECT c FROM SchoolClass c WHERE c.joinCode = :code")
@NamedQuery(name = SchoolClass.OF_STUDENT,
        query = "SELECT c FROM SchoolClass c WHERE c.id IN (SELECT e.classId FROM ClassEnrolment e WHERE e.studentId = :student) ORDER BY c.name")
@NamedQuery(name = SchoolClass.OF_SCHOOL, query = "SELECT c FROM SchoolClass c WHERE c.schoolId = :school ORDER BY c.name")
@NamedQuery(name = SchoolClass.TAUGHT_BY, query = "SELECT c FROM SchoolClass c WHERE :teacher MEMBER OF c.teachers ORDER BY c.name")
public class SchoolClass {

    public static final String BY_JOIN_CODE = "SchoolClass.byJoinCode";
    public static final String OF_STUDENT = "SchoolClass.ofStudent";
    public static final String OF_SCHOOL = "SchoolClass.ofSchool";
    public static final String TAUGHT_BY = "SchoolClass.taughtBy";
    /** Letters and digits that cannot be misread when a teacher writes the code on a blackboard (no 0/O, 1/I/L). */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int CODE_LENGTH = 7;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    private UUID id;

    @Column(name = "school_id", nullable = false, updatable = false)
    private UUID schoolId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 32)
    private String grade;

    @Column(length = 64)
    private String subject;

    @Column(name = "join_code", length = 16, unique = true)
    private String joinCode;

    @ElementCollection
    @CollectionTable(name = "class_teachers", joinColumns = @JoinColumn(name = "class_id"))
    @Column(name = "teacher_id")
    private Set<UUID> teachers = new HashSet<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected SchoolClass() {
    }

    public SchoolClass(UUID schoolId, String name, String grade, String subject) {
        this.id = UUID.randomUUID();
        this.schoolId = schoolId;
        this.name = name;
        this.grade = grade;
        this.subject = subject;
        this.joinCode = newJoinCode();
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public static String newJoinCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    public void addTeacher(UUID teacherId) {
        teachers.add(teacherId);
    }

    /** @return whether the teacher taught the class until now */
    public boolean removeTeacher(UUID teacherId) {
        return teachers.remove(teacherId);
    }

    public boolean isTaughtBy(UUID userId) {
        return teachers.contains(userId);
    }

    public UUID id() { return id; }
    public UUID schoolId() { return schoolId; }
    public String name() { return name; }
    public Optional<String> grade() { return Optional.ofNullable(grade); }
    public Optional<String> subject() { return Optional.ofNullable(subject); }
    public String joinCode() { return joinCode; }
    public Set<UUID> teachers() { return Collections.unmodifiableSet(teachers); }
}
