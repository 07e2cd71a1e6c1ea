package io.mailbin.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailbin.store.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The writer's promise to its callers: they hear back, even when a commit never finishes. */
class WriterTest {
    @Test
    void callersOfAHungWriterAreToldToRetryAndItRecovers() throws Exception {
        Path dir = Files.createTempDirectory("writer");
        CountDownLatch disk = new CountDownLatch(1);
        Writer writer = new Writer(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db")), 16, () -> { },
                Duration.ofMillis(300));
        writer.start();
        try {
            // the first task hangs as a commit on a hung disk would; the one behind it waits in the queue
            CompletableFuture<Integer> hung = CompletableFuture.supplyAsync(() -> writer.execute(db -> {
                await(disk);
                return 1;
            }));
            Thread.sleep(50);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> writer.execute(db -> 2)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("did not commit within 0.3 s");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThatThrownBy(() -> hung.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreUnavailableException.class);

            disk.countDown(); // the disk comes back: work flows again
            Integer after = writer.execute(db -> 3);
            assertThat(after).isEqualTo(3);
        } finally {
            disk.countDown();
            writer.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
