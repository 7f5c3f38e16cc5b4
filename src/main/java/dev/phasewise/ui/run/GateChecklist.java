package dev.phasewise.ui.run;

import dev.phasewise.plan.Gate;
import dev.phasewise.plan.Phase;
import dev.phasewise.run.GateHandler;
import dev.phasewise.run.RunControl;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploy gates confirmed by ticking their checklist in the timeline. When a run reaches a gate, the
 * {@link #handler handler} (on the runner's thread) makes the gate active here and blocks until the item the
 * runner asks about is ticked; "Stop at gate" or Cancel end the wait instead. The observable side
 * ({@link #active()}, {@link #ticked()}, {@link #confirmed()}) lives on the FX thread and is what the gate
 * markers show; each run gets a fresh waiter, so nothing ticked in one run answers for the next.
 */
public final class GateChecklist {
    /** The gate a run waits at: the phase it follows and the gate itself. */
    public record Active(Phase after, Gate gate) {
    }

    /** One checklist item the runner recorded as confirmed. */
    public record Item(Phase after, String item) {
    }

    private final ReadOnlyObjectWrapper<Active> active = new ReadOnlyObjectWrapper<>();
    private final ObservableSet<String> ticked = FXCollections.observableSet();
    private final ObservableSet<Item> confirmed = FXCollections.observableSet();
    // made once: an unmodifiable view listens weakly to its set, so a view made per call could be collected
    private final ObservableSet<String> tickedView = FXCollections.unmodifiableObservableSet(ticked);
    private final ObservableSet<Item> confirmedView = FXCollections.unmodifiableObservableSet(confirmed);
    private volatile Waiter waiter;

    /** The gate handler for one run; the runner's thread blocks in it (interruptible, and ended by Cancel). */
    public GateHandler handler(RunControl control) {
        Waiter w = new Waiter(control);
        waiter = w;
        return w::confirm;
    }

    // ---- FX thread ----

    /** A new run starts: no gate active, nothing ticked or confirmed yet. */
    public void reset() {
        active.set(null);
        ticked.clear();
        confirmed.clear();
    }

    /** The run ended (passed, stopped at a gate, cancelled or failed): no gate waits any more. */
    public void runEnded() {
        active.set(null);
        ticked.clear();
    }

    /** The user ticks (or unticks) an item of the active gate. */
    public void tick(String item, boolean on) {
        Active a = active.get();
        if (a == null || !a.gate().checklist().contains(item)) {
            return;
        }
        if (on) {
            ticked.add(item);
        } else {
            ticked.remove(item);
        }
        Waiter w = waiter;
        if (w != null) {
            w.tick(item, on);
        }
    }

    /** "Stop at gate": the run stops here (waiting at the gate, resumable) instead of going on. */
    public void stopAtGate() {
        Waiter w = waiter;
        if (w != null) {
            w.stop();
        }
    }

    /** The runner recorded an item as confirmed; once every item of the active gate is, the gate is passed. */
    public void confirmed(Phase after, String item) {
        confirmed.add(new Item(after, item));
        Active a = active.get();
        if (a != null && a.after() == after && a.gate().checklist().stream()
                .allMatch(i -> confirmed.contains(new Item(after, i)))) {
            active.set(null);
            ticked.clear();
        }
    }

    public boolean isConfirmed(Phase after, String item) {
        return confirmed.contains(new Item(after, item));
    }

    public ReadOnlyObjectProperty<Active> active() {
        return active.getReadOnlyProperty();
    }

    public ObservableSet<String> ticked() {
        return tickedView;
    }

    public ObservableSet<Item> confirmed() {
        return confirmedView;
    }

    private void activate(Phase after, Gate gate) {
        Active a = active.get();
        if (a == null || a.after() != after) {
            ticked.clear();
            active.set(new Active(after, gate));
        }
    }

    /** The runner's side of one run: which items are ticked, whether to stop; guarded by its own monitor. */
    private final class Waiter {
        private final RunControl control;
        private final Set<String> ticks = ConcurrentHashMap.newKeySet();
        private Phase gateAfter;
        private boolean stop;

        Waiter(RunControl control) {
            this.control = control;
        }

        Optional<String> confirm(Phase after, Gate gate, String item) {
            synchronized (this) {
                if (gateAfter != after) {
                    gateAfter = after;
                    ticks.clear();
                    stop = false;
                }
            }
            Platform.runLater(() -> activate(after, gate));
            synchronized (this) {
                try {
                    while (!ticks.contains(item) && !stop && !control.cancelled()) {
                        wait(200); // also wakes for Cancel, which does not notify this monitor
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
                if (stop || control.cancelled()) {
                    return Optional.empty();
                }
            }
            return Optional.of("desktop: " + System.getProperty("user.name") + " (ticked in the timeline)");
        }

        synchronized void tick(String item, boolean on) {
            if (on) {
                ticks.add(item);
            } else {
                ticks.remove(item);
            }
            notifyAll();
        }

        synchronized void stop() {
            stop = true;
            notifyAll();
        }
    }
}
