#!/usr/bin/env python3
"""Shows that every property-based test still catches what it guards.

For each property, one deliberate bug (a mutant) goes into the code it protects; the property is
run alone and must fail; the file is restored whatever happens. Prints one line per mutant:

    python3 scripts/property-mutants.py                  # all of them, about a minute
    python3 scripts/property-mutants.py MoneyProperties  # one

Exit status 1 if a mutant survived (a property that no longer fails on broken code).
"""
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (test, file, original text, the bug put in its place)
MUTANTS = [
 ('MoneyProperties','src/main/java/dev/flashsale/sale/Money.java','''        if (!NUMBER.matcher(t).matches()) {
            return null;
        }''','''        if (t.equals("-")) {
            return BigDecimal.ZERO;
        }
        if (!NUMBER.matcher(t).matches()) {
            return null;
        }'''),
 ('OptionsProperties','src/main/java/dev/flashsale/app/Options.java','if (port < 0 || port > 65_535) {','if (port < 0 || port > 99_999) {'),
 ('PathSegmentProperties','src/main/java/dev/flashsale/storefront/StorefrontServer.java','''        if (id <= 0) {''','''        if (rawId.startsWith("0") && rawId.length() > 1) {
            throw new IllegalStateException("leading zero");
        }
        if (id <= 0) {'''),
 ('SaleCsvProperties','src/main/java/dev/flashsale/sale/SaleCsv.java','if (CatalogAdmin.hasControlCharacters(sku)) {','if (sku.isEmpty() && CatalogAdmin.hasControlCharacters(sku)) {'),
 ('RedisAddressTest','src/main/java/dev/flashsale/cluster/RedisAddress.java','public String toString() {','public String toString() {\n        if (password != null && password.length() > 6) return "redis://" + password;'),
    ('FormProperties','src/main/java/dev/flashsale/console/sales/SaleFormModel.java','''        BigDecimal price = Money.parse(priceText);''','''        BigDecimal price = priceText != null && priceText.strip().equals(".") ? new BigDecimal(priceText) : Money.parse(priceText);'''),
 ('StoreAddressTest','src/main/java/dev/flashsale/store/StoreAddress.java','''            return "postgresql://" + user + "@" + hostForUrl()''','''            return "postgresql://" + user + urlPassword().map(p -> p.length() > 30 ? ":" + p : "").orElse("") + "@" + hostForUrl()'''),
    ('SaleCsvProperties#anySkuComesBackFromAnExportAndIsNeverAFormula', 'src/main/java/dev/flashsale/sale/SaleCsv.java',
     '''        return FORMULA_STARTS.indexOf(first) >= 0 || first == '\\'' ? "'" + cell : cell;''',
     '''        return FORMULA_STARTS.indexOf(first) >= 0 ? "'" + cell : cell;'''),
]


def main(only):
    survived = 0
    for test, path, old, new in MUTANTS:
        if only and test not in only:
            continue
        p = os.path.join(root, path)
        with open(p, encoding="utf-8") as f:
            original = f.read()
        if old not in original:
            print(f"{test}: the code it breaks has changed; update this script")
            survived += 1
            continue
        try:
            with open(p, "w", encoding="utf-8") as f:
                f.write(original.replace(old, new, 1))
            r = subprocess.run(["mvn", "-B", "-q", "test", "-Dtest=" + test, "-DfailIfNoTests=false"],
                               cwd=root, capture_output=True, text=True)
            found = re.search(r"Smallest found falsifying value\(s\) :-\n([^\n]*)", r.stdout + r.stderr)
            if r.returncode != 0:
                print(f"{test}: fails on the mutant, as it should" + (f" (smallest input {found.group(1)[:120]})" if found else ""))
            else:
                print(f"{test}: STILL PASSES with the bug in {path}")
                survived += 1
        finally:
            with open(p, "w", encoding="utf-8") as f:
                f.write(original)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
