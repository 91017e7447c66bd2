package dev.saraf.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line {@code saraf} prints for it. */
final class Errors {
    private Errors() {}

    /** True for failures caused by the input (files, arguments, data), as opposed to bugs in saraf. */
    static boolean isExpected(Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof CliException || t instanceof IllegalArgumentException || t instanceof IOException
                || t.getClass().getName().startsWith("dev.saraf.");
    }

    /** One line: what went wrong, naming the file or value. */
    static String describe(Throwable e) {
        Throwable t = unwrap(e);
        String line;
        if (t instanceof NoSuchFileException n) {
            line = "no such file: " + n.getFile();
        } else if (t instanceof AccessDeniedException a) {
            line = "cannot read " + a.getFile() + " (permission denied)";
        } else if (t instanceof FileSystemException f && f.getReason() != null) {
            line = f.getFile() + ": " + f.getReason();
        } else if (t.getMessage() == null || t.getMessage().isBlank()) {
            line = t.getClass().getSimpleName();
        } else if (isExpected(t)) {
            line = t.getMessage();
        } else {
            line = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return line.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
