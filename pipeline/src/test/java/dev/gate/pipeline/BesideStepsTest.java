package dev.gate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BesideStepsTest {

    @Test
    void bothStepsRunAtOnceAndTheFirstStepsResultComesBack() {
        CountDownLatch firstRunning = new CountDownLatch(1);
        AtomicReference<Thread> firstThread = new AtomicReference<>();
        String result = BesideSteps.run(
                () -> {
                    firstThread.set(Thread.currentThread());
                    firstRunning.countDown();
                    return "pushed";
                },
                () -> await(firstRunning));
        assertEquals("pushed", result);
        assertNotEquals(Thread.currentThread(), firstThread.get());
    }

    @Test
    void aFailedFirstStepFailsTheRunOnceTheSecondHasEnded() {
        GateException failure = GateException.operational("registry down", null);
        AtomicBoolean secondEnded = new AtomicBoolean();
        GateException thrown = assertThrows(
                GateException.class,
                () -> BesideSteps.run(
                        () -> {
                            throw failure;
                        },
                        () -> secondEnded.set(true)));
        assertSame(failure, thrown);
        assertTrue(secondEnded.get());
    }

    @Test
    void aFailedSecondStepFailsTheRunAndInterruptsTheFirst() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        GateException failure = GateException.input("bad key");
        GateException thrown = assertThrows(
                GateException.class,
                () -> BesideSteps.run(
                        () -> {
                            started.countDown();
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                interrupted.countDown();
                            }
                            return "never";
                        },
                        () -> {
                            await(started);
                            throw failure;
                        }));
        assertSame(failure, thrown);
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the first step was not interrupted");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the first step did not run beside the second");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
