package dev.flashsale.console.cache;

import dev.flashsale.cluster.NodeFigures;

/** A row of the nodes table: a live node's figures, and whether it is this console's own process. */
record NodeRow(NodeFigures figures, boolean self) {
    public String id() {
        return figures.id();
    }
}
