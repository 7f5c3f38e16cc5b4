package dev.phasewise.ui.run;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * What the window shows of runs besides the step statuses: the run log, the deploy gates' checklists, the
 * steps the user asked to skip, and whether a run is going. FX thread only; the run controls set it from
 * the runner's coalesced events.
 */
public final class RunState {
    private final RunLog log = new RunLog();
    private final GateChecklist gates = new GateChecklist();
    private final ObservableSet<String> skipRequests = FXCollections.observableSet();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ObjectProperty<String> resumable =
            new SimpleObjectProperty<>();

    public RunLog log() {
        return log;
    }

    public GateChecklist gates() {
        return gates;
    }

    /** Ids of the steps to skip: asked before a run (applied when it starts) or during one. */
    public ObservableSet<String> skipRequests() {
        return skipRequests;
    }

    public BooleanProperty running() {
        return running;
    }

    /**
     * The id of the last whole-plan run of this window that stopped before its end (at a gate, cancelled or
     * failed), which Resume continues; null when there is none.
     */
    public ObjectProperty<String> resumable() {
        return resumable;
    }
}
