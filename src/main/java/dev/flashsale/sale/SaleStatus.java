package dev.flashsale.sale;

/** Where a sale stands against a clock: before its start, within its window, after its end. */
public enum SaleStatus {
    SCHEDULED, ACTIVE, ENDED
}
