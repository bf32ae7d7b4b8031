package dev.flashsale.store;

import java.util.List;

/** One schema step; {@code version} becomes {@code PRAGMA user_version} once it has run. */
record Migration(int version, String description, List<String> statements) {
}
