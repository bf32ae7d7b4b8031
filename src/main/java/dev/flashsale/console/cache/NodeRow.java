package dev.flashsale.console.cache;

import dev.flashsale.cluster.NodeFigures;
import java.time.Instant;

/**
 * A row of the nodes table: a node's figures as last reported, whether it is this console's own
 * process, since when it has been silent (null while it reports), or the total row under them.
 */
record NodeRow(NodeFigures figures, boolean self, Instant silentSince, boolean total) {

    NodeRow(NodeFigures figures, boolean self) {
        this(figures, self, null, false);
    }

    public String id() {
        return figures.id();
    }

    public boolean reporting() {
        return silentSince == null;
    }
}
