package org.projectspark.media.domain;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of file an upload may be, named by extension in the settings ({@code jpg,jpeg,png,pdf,doc,docx}) and
 * checked against the media type found in the file's content. Each extension stands for the media types a content
 * detector reports for such files.
 */
public record FileTypes(Set<String> extensions) {

    /** The extensions the settings may name, with the media types of their content. */
    static final Map<String, Set<String>> KNOWN = Map.ofEntries(
            Map.entry("jpg", Set.of("image/jpeg")),
            Map.entry("jpeg", Set.of("image/jpeg")),
            Map.entry("png", Set.of("image/png")),
            Map.entry("gif", Set.of("image/gif")),
            Map.entry("webp", Set.of("image/webp")),
            Map.entry("pdf", Set.of("application/pdf")),
            Map.entry("doc", Set.of("application/msword")),
            Map.entry("docx", Set.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
            Map.entry("odt", Set.of("application/vnd.oasis.opendocument.text")),
            Map.entry("txt", Set.of("text/plain")),
            Map.entry("mp3", Set.of("audio/mpeg")),
            Map.entry("m4a", Set.of("audio/mp4", "audio/x-m4a")),
            Map.entry("ogg", Set.of("audio/ogg", "audio/vorbis", "audio/opus", "application/ogg", "video/ogg")),
            Map.entry("wav", Set.of("audio/vnd.wave", "audio/wav", "audio/x-wav")),
            Map.entry("mp4", Set.of("video/mp4")),
            Map.entry("webm", Set.of("video/webm", "audio/webm")));

    public FileTypes {
        extensions = Set.copyOf(extensions);
    }

    /** Parses a comma-separated list of extensions; an unknown one is refused, naming it. */
    public static FileTypes parse(String setting, String list) {
        Set<String> names = Arrays.stream(list.split(",")).map(String::trim).map(s -> s.toLowerCase(java.util.Locale.ROOT))
                .map(s -> s.startsWith(".") ? s.substring(1) : s).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> unknown = names.stream().filter(n -> !KNOWN.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(setting + " names " + unknown + ", which this server cannot recognise by content; known: "
                    + KNOWN.keySet().stream().sorted().toList());
        }
        return new FileTypes(names);
    }

    public FileTypes and(FileTypes more) {
        Set<String> all = new LinkedHashSet<>(extensions);
        all.addAll(more.extensions);
        return new FileTypes(all);
    }

    public boolean allows(String mediaType) {
        return extensions.stream().anyMatch(e -> KNOWN.get(e).contains(mediaType));
    }

    /** The allowed extensions, sorted, for messages and documentation. */
    public String describe() {
        return extensions.stream().sorted().collect(Collectors.joining(", "));
    }
}
