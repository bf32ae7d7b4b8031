package dev.flashsale.testing;

import dev.flashsale.store.Dialect;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test that runs once on each store ({@link Dialect}): SQLite always, PostgreSQL on a
 * throwaway server. Each case's name ends with the store ("... on PostgreSQL"), in the console
 * and in the surefire reports, so a store that silently skipped shows at a glance.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "on {0}")
@EnumSource(Dialect.class)
public @interface OnBothStores {
}
