package org.projectspark.platform.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.UUID;

/**
 * For uuid columns that may be NULL. EclipseLink's built-in UUID converter (in the Payara 6.2025.9
 * bundle) throws on a null value when writing and on reading (eclipse-ee4j/eclipselink#2031, #2768);
 * this one passes null through and hands PostgreSQL's driver the UUID itself.
 */
@Converter
public class OptionalUuid implements AttributeConverter<UUID, Object> {

    @Override
    public Object convertToDatabaseColumn(UUID value) {
        return value;
    }

    @Override
    public UUID convertToEntityAttribute(Object column) {
        return column == null ? null : column instanceof UUID u ? u : UUID.fromString(column.toString());
    }
}
