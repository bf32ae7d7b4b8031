package dev.flashsale.sale;

/** One broken rule: the field it concerns (as the form names it) and a message for the user. */
public record FieldError(String field, String message) {
}
