package io.strata.storage;

import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} in a local directory: each key is a file path below the root. A put
 * writes a temporary file, {@code fsync}s it, renames it into place and {@code fsync}s the
 * directory, so an object is either absent or complete and durable.
 */
public final class LocalDiskObjectStore implements ObjectStore {
    private static final String TMP_SUFFIX = ".tmp";
    private static final AtomicLong TMP_COUNTER = new AtomicLong();
    private final Path root;

    public LocalDiskObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private Path resolve(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.endsWith(TMP_SUFFIX)) {
            throw new IllegalArgumentException("bad object key: " + key);
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad object key: " + key);
            }
        }
        return root.resolve(key);
    }

    @Override
    public void put(String key, byte[] data) {
        Path target = resolve(key);
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + TMP_COUNTER.incrementAndGet() + TMP_SUFFIX);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    c.write(b);
                }
                c.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            WriteAheadLog.forceDirectory(dir);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path path = resolve(key);
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.exists(path)) {
                return Optional.empty(); // e.g. ENOTDIR: a parent "directory" of the key is an object
            }
            throw unavailable(e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (key.startsWith(prefix) && !key.endsWith(TMP_SUFFIX)) {
                    out.add(key);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw unavailable(e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public List<String> listDirectories(String prefix) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            return ObjectStore.super.listDirectories(prefix);
        }
        Path dir = prefix.isEmpty() ? root : root.resolve(prefix.substring(0, prefix.length() - 1));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isDirectory).forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw unavailable(e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public String describe() {
        return "local:" + root;
    }

    private StrataException unavailable(Exception e) {
        return new StrataException(ErrorCategory.UNAVAILABLE,
                "object store " + describe() + " unavailable: " + e.getMessage(), e);
    }
}
