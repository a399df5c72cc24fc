package io.strata.logql.log;

/**
 * One extraction parameter of {@code json}/{@code logfmt}: {@code label="expression"}
 * ({@code | json a} is {@code new Extraction("a", "a")}).
 */
public record Extraction(String label, String expression) {}
