package io.mailbin.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailbin.store.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /**
     * What follows a commit is queued from it: every task of a group commit has its listener told, in
     * queue order, before any of their callers is released; a listener that throws costs nobody the commit.
     */
    @Test
    void everyListenerOfAGroupCommitIsToldInOrderBeforeAnyCallerReturns() throws Exception {
        Path dir = Files.createTempDirectory("writer");
        Writer writer = new Writer(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db")), 16, () -> { });
        writer.start();
        try {
            CountDownLatch gate = new CountDownLatch(1);
            CompletableFuture<Integer> blocker = CompletableFuture.supplyAsync(() -> writer.execute(db -> {
                await(gate); // holds the writer so the next tasks queue up and commit together
                return 0;
            }));
            Thread.sleep(50);
            List<Integer> told = new CopyOnWriteArrayList<>();
            List<Integer> toldWhenReturned = new CopyOnWriteArrayList<>();
            List<Thread> callers = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int n = i;
                callers.add(Thread.ofVirtual().start(() -> {
                    int result = writer.execute(r -> {
                        told.add(r);
                        if (r == 2) {
                            throw new IllegalStateException("a broken listener");
                        }
                    }, db -> n);
                    assertThat(result).isEqualTo(n);
                    toldWhenReturned.add(told.size());
                }));
                Thread.sleep(20); // queued in this order
            }
            gate.countDown();
            for (Thread t : callers) {
                t.join(5_000);
            }
            assertThat(blocker.get(5, TimeUnit.SECONDS)).isZero();
            assertThat(told).containsExactly(1, 2, 3);
            assertThat(toldWhenReturned).as("every caller returned after all three were told").containsOnly(3);
        } finally {
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
