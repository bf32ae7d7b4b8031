package dev.flashsale.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.flashsale.testing.TypedInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --db}'s argument: a file, or a PostgreSQL URL written as PostgreSQL users write it. */
class StoreAddressTest {

    private static StoreAddress.Postgres pg(String text) {
        return assertInstanceOf(StoreAddress.Postgres.class, StoreAddress.parse(text));
    }

    @Test
    void aPathIsASqliteFile() {
        assertEquals(new StoreAddress.SqliteFile(Path.of("/tmp/shop.db")), StoreAddress.parse("/tmp/shop.db"));
        assertEquals(new StoreAddress.SqliteFile(Path.of("shop.db")), StoreAddress.parse("shop.db"));
        assertEquals("shop.db", StoreAddress.parse("/data/shop.db").shortName());
    }

    @Test
    void theFormsPostgresqlUsersWrite() {
        StoreAddress.Postgres a = pg("postgresql://fsc@db.internal:6543/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem");
        assertEquals("db.internal", a.host());
        assertEquals(6543, a.port());
        assertEquals("shop", a.database());
        assertEquals("fsc", a.user());
        assertEquals(Optional.empty(), a.urlPassword());
        assertEquals("jdbc:postgresql://db.internal:6543/shop?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem",
                a.jdbcUrl(), "connection parameters pass through to the driver");

        StoreAddress.Postgres jdbc = pg("jdbc:postgresql://db.internal/shop?user=fsc&password=pw&sslmode=require");
        assertEquals(5432, jdbc.port(), "PostgreSQL's default port");
        assertEquals("fsc", jdbc.user());
        assertEquals(Optional.of("pw"), jdbc.urlPassword());
        assertEquals("postgresql://fsc@db.internal:5432/shop?sslmode=require", jdbc.display());
        assertFalse(jdbc.jdbcUrl().contains("pw"), "the password goes to the driver as a property, not in the URL");

        StoreAddress.Postgres shortForm = pg("postgres://fsc@[::1]/shop");
        assertEquals("postgresql://fsc@[::1]:5432/shop", shortForm.display());
        assertEquals("shop@[::1]", shortForm.shortName());

        assertEquals("fsc", pg("postgresql://fsc@h").database(), "no database: the user's name, as psql does");
    }

    @Test
    void aPrimaryAndItsStandbyAreNamedAsLibpqAndPgjdbcTakeThem() {
        StoreAddress.Postgres a = pg("postgresql://shop:s3cret@db1.internal:5433,db2.internal,[::1]:6000/shop?sslmode=require");
        assertEquals(List.of(new StoreAddress.Postgres.Server("db1.internal", 5433),
                new StoreAddress.Postgres.Server("db2.internal", 5432), new StoreAddress.Postgres.Server("::1", 6000)),
                a.servers());
        assertEquals("shop", a.user());
        assertEquals("s3cret", a.urlPassword().orElseThrow());
        assertEquals("jdbc:postgresql://db1.internal:5433,db2.internal:5432,[::1]:6000/shop?hostRecheckSeconds=2"
                + "&sslmode=require&targetServerType=primary", a.jdbcUrl(), "the primary, wherever it is now");
        assertEquals("postgresql://shop@db1.internal:5433,db2.internal:5432,[::1]:6000/shop?hostRecheckSeconds=2"
                + "&sslmode=require&targetServerType=primary", a.display());
        assertEquals("preferSecondary", pg("postgresql://u@h1,h2/db?targetServerType=preferSecondary").parameters()
                .get("targetServerType"), "what the URL says wins");
        assertEquals(Map.of(), pg("postgresql://u@h1/db").parameters(), "one host: nothing added");
        for (String bad : new String[] {"postgresql://u:s3cret@h1,,h2/db", "postgresql://u:s3cret@h1,h2:0/db",
            "postgresql://u:s3cret@h1,h2:99999/db", "postgresql://u:s3cret@h1,[::1/db", "postgresql://u:s3cret@,h2/db"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreAddress.parse(bad), bad);
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
    }

    @Test
    void unreadableUrlsAreOneLineWithoutTheirText() {
        for (String bad : new String[] {"postgresql://fsc:s3cret@h:notaport/db", "postgresql:shop",
            "mysql://fsc:s3cret@h/db", "postgresql://fsc:s3cret@h/a/b", "postgresql://fsc:%zz@h/db", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreAddress.parse(bad),
                    bad);
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    /** Whatever the password, percent-encoded in the URL as users do, it reaches the driver and nothing shows it. */
    @Test
    void thePasswordIsNeverShown() {
        qt().withExamples(1000).forAll(TypedInput.anyText(4, 40)
                .assuming(p -> !"postgresql://fsc@db.example:5432/shop".contains(p)))
                .checkAssert(StoreAddressTest::passwordNeverShown);
    }

    private static void passwordNeverShown(String password) {
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        StoreAddress.Postgres a = pg("postgresql://fsc:" + encoded + "@db.example:5432/shop");
        assertEquals(Optional.of(password), a.urlPassword());
        assertFalse(a.display().contains(password), a.display());
        assertFalse(a.toString().contains(password));
        assertFalse(a.jdbcUrl().contains(encoded) && encoded.length() > 3, a.jdbcUrl());
        assertFalse(a.shortName().contains(password));

        StoreAddress.Postgres asParameter = pg("postgresql://fsc@db.example:5432/shop?password=" + encoded);
        assertEquals(Optional.of(password), asParameter.urlPassword());
        assertFalse(asParameter.display().contains(password), asParameter.display());
    }

    /** Every prefix and mangling of a URL, as typed: an address, or one line; never another exception. */
    @Test
    void anyTextIsAnAddressOrOneLine() {
        qt().withExamples(2000).forAll(TypedInput.into("postgresql://fsc:pw@db.example:5432/shop?sslmode=verify-full",
                "jdbc:postgresql://[::1]:5432/shop?user=fsc", "/var/lib/flash/shop.db"))
                .checkAssert(StoreAddressTest::addressOrOneLine);
    }

    private static void addressOrOneLine(String text) {
        try {
            StoreAddress a = StoreAddress.parse(text);
            assertTrue(a.display() != null && !a.display().isEmpty());
        } catch (IllegalArgumentException refused) {
            assertFalse(refused.getMessage().isBlank());
            assertFalse(refused.getMessage().contains("\n"));
        }
    }

    @Test
    void aHostOfAnyLengthDoesNotThrowSomethingElse() {
        qt().withExamples(200).forAll(TypedInput.anyText(300)).checkAssert(host -> {
            try {
                StoreAddress.parse("postgresql://fsc@" + host + "/shop");
            } catch (IllegalArgumentException refused) {
                assertFalse(refused.getMessage().isBlank());
            }
        });
    }
}
