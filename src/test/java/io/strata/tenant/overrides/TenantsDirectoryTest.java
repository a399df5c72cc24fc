package io.strata.tenant.overrides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.tenant.auth.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantsDirectoryTest {
    static final String HASH = TenantFileParserTest.HASH;

    @TempDir
    Path dir;

    static String file(String rate, String... users) {
        StringBuilder sb = new StringBuilder("limits:\n  ingestion_rate_mb: " + rate + "\n");
        if (users.length > 0) {
            sb.append("users:\n");
            for (String u : users) {
                sb.append("  - {username: ").append(u).append(", password: '").append(HASH)
                        .append("', scopes: [logs:read]}\n");
            }
        }
        return sb.toString();
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(dir.resolve(name), content);
    }

    @Test
    void loadsEveryTenantFile() throws Exception {
        write("tenant-a.yaml", file("8", "alice"));
        write("tenant-b.yml", file("2", "bob"));
        write(".hidden.yaml", file("1", "eve"));
        write("notes.txt", "ignored");
        write("bad name.yaml", file("1", "mallory"));
        write("...yaml", file("1", "dots"));
        TenantsDirectory d = new TenantsDirectory(dir);
        assertTrue(d.reload());
        assertEquals(Map.of("ingestion_rate_mb", "8"), d.limits("tenant-a"));
        assertEquals(Map.of("ingestion_rate_mb", "2"), d.limits("tenant-b"));
        assertEquals(Map.of(), d.limits("tenant-c"));
        assertEquals("tenant-a", d.find("alice").tenant());
        assertEquals(Scope.LOGS_READ, d.find("bob").scopes().iterator().next());
        assertNull(d.find("eve"));
        assertNull(d.find("mallory"));
        assertNull(d.find("dots"));
        assertEquals(4, d.typicalCost());
        assertFalse(d.reload(), "nothing changed");
    }

    @Test
    void invalidUpdateKeepsThePreviousVersionAndAFixIsPickedUp() throws Exception {
        write("tenant-a.yaml", file("8", "alice"));
        TenantsDirectory d = new TenantsDirectory(dir);
        d.reload();
        write("tenant-a.yaml", "limits:\n  ingestion_rate_mb: 16\n  not_a_limit: 1\n");
        assertFalse(d.reload());
        assertEquals("8", d.limits("tenant-a").get("ingestion_rate_mb"));
        assertNotNull(d.find("alice"), "users of the previous version stay");
        write("tenant-a.yaml", file("16"));
        assertTrue(d.reload());
        assertEquals("16", d.limits("tenant-a").get("ingestion_rate_mb"));
        assertNull(d.find("alice"));
    }

    @Test
    void invalidNewFileGivesNoEntryAndNonUtf8IsRejected() throws Exception {
        write("tenant-a.yaml", "users: [{username: u, password: plain, scopes: [logs:read]}]\n");
        Files.write(dir.resolve("tenant-b.yaml"), new byte[] {'l', 'i', (byte) 0xC3, (byte) 0x28});
        TenantsDirectory d = new TenantsDirectory(dir);
        d.reload();
        assertTrue(d.snapshot().tenants().isEmpty());
        assertNull(d.find("u"));
    }

    @Test
    void deletedFileIsRemovedAndRecreatedFileReturns() throws Exception {
        write("tenant-a.yaml", file("8", "alice"));
        TenantsDirectory d = new TenantsDirectory(dir);
        d.reload();
        Files.delete(dir.resolve("tenant-a.yaml"));
        assertTrue(d.reload());
        assertNull(d.find("alice"));
        assertEquals(Map.of(), d.limits("tenant-a"));
        write("tenant-a.yaml", file("8", "alice"));
        assertTrue(d.reload());
        assertNotNull(d.find("alice"));
    }

    @Test
    void usernamesAreUniqueAcrossTenants() throws Exception {
        write("tenant-a.yaml", file("8", "alice"));
        TenantsDirectory d = new TenantsDirectory(dir);
        d.reload();
        write("tenant-b.yaml", file("2", "alice", "bob"));
        d.reload();
        assertEquals("tenant-a", d.find("alice").tenant(), "an accepted user keeps its name");
        assertNull(d.find("bob"), "the clashing file is rejected as a whole");
        assertFalse(d.snapshot().tenants().containsKey("tenant-b"));
        // tenant-a releases the name: tenant-b is accepted on the next poll without being touched
        write("tenant-a.yaml", file("8"));
        d.reload();
        assertEquals("tenant-b", d.find("alice").tenant());
        assertNotNull(d.find("bob"));
    }

    @Test
    void userMovesBetweenFilesInOneRound() throws Exception {
        write("tenant-a.yaml", file("8"));
        write("tenant-b.yaml", file("2", "carol"));
        TenantsDirectory d = new TenantsDirectory(dir);
        d.reload();
        write("tenant-a.yaml", file("8", "carol"));
        write("tenant-b.yaml", file("2"));
        d.reload();
        assertEquals("tenant-a", d.find("carol").tenant());
    }

    @Test
    void missingDirectoryIsEmptyAndVanishingDirectoryKeepsThePrevious() throws Exception {
        TenantsDirectory none = new TenantsDirectory(dir.resolve("nope"));
        assertFalse(none.reload());
        assertTrue(none.snapshot().tenants().isEmpty());
        Path sub = Files.createDirectory(dir.resolve("t"));
        Files.writeString(sub.resolve("tenant-a.yaml"), file("8", "alice"));
        TenantsDirectory d = new TenantsDirectory(sub);
        d.reload();
        Files.delete(sub.resolve("tenant-a.yaml"));
        Files.delete(sub);
        assertFalse(d.reload());
        assertNotNull(d.find("alice"));
    }

    @Test
    void fifoIsSkippedNotBlockedOn() throws Exception {
        Path fifo = dir.resolve("tenant-f.yaml");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("mkfifo not available");
            return;
        }
        Assumptions.assumeTrue(p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0);
        write("tenant-a.yaml", file("8"));
        TenantsDirectory d = new TenantsDirectory(dir);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), d::reload);
        assertEquals(1, d.snapshot().tenants().size());
    }

    @Test
    void pollingPicksUpChangesAndNotifiesListeners() throws Exception {
        write("tenant-a.yaml", file("8"));
        BlockingQueue<TenantsSnapshot> seen = new ArrayBlockingQueue<>(10);
        try (TenantsDirectory d = new TenantsDirectory(dir)) {
            d.addListener(seen::add);
            d.start(Duration.ofMillis(100));
            assertEquals("8", seen.poll(5, TimeUnit.SECONDS).limits("tenant-a").get("ingestion_rate_mb"));
            write("tenant-a.yaml", file("9"));
            TenantsSnapshot next = seen.poll(5, TimeUnit.SECONDS);
            assertNotNull(next, "change seen within the poll period");
            assertEquals("9", next.limits("tenant-a").get("ingestion_rate_mb"));
            assertEquals("9", d.limits("tenant-a").get("ingestion_rate_mb"));
        }
    }

    @Test
    void sameSizeRewriteIsSeen() throws Exception {
        write("tenant-a.yaml", file("8"));
        TenantsDirectory d = new TenantsDirectory(dir);
        d.reload();
        Path f = dir.resolve("tenant-a.yaml");
        var mtime = Files.getLastModifiedTime(f);
        write("tenant-a.yaml", file("9"));
        Files.setLastModifiedTime(f, mtime);
        assertTrue(d.reload());
        assertEquals("9", d.limits("tenant-a").get("ingestion_rate_mb"));
    }
}
