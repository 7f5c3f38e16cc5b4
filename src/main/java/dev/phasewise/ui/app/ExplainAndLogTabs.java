package dev.phasewise.ui.app;

import dev.phasewise.ui.run.RunLogView;
import dev.phasewise.ui.run.RunState;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The window's lower left: EXPLAIN and the run log as two tabs sharing the space. When a run starts the run
 * log comes to the front (that is what one watches then); the user can switch back at any time.
 */
final class ExplainAndLogTabs extends TabPane {

    ExplainAndLogTabs(Node explain, RunState runs) {
        Tab explainTab = new Tab("EXPLAIN", explain);
        explainTab.setId("tab-explain");
        Tab logTab = new Tab("Run log", new RunLogView(runs.log()));
        logTab.setId("tab-run-log");
        getTabs().addAll(explainTab, logTab);
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        setId("explain-log-tabs");
        runs.running().addListener((o, was, now) -> {
            if (now) {
                getSelectionModel().select(logTab);
            }
        });
    }
}
