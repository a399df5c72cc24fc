package io.strata.logql.syntax;

import java.time.Duration;

/**
 * One lexed token. {@code text} is the identifier / unquoted string / number text / flag;
 * {@code duration} is set for DURATION and RANGE, {@code bytes} for BYTES. {@code line} and
 * {@code column} are what Loki reports for an error at this token (line is 0 for tokens whose
 * lexing looked ahead, a quirk of Loki's lexer that shows up in its messages).
 */
record Token(Tok kind, String text, Duration duration, long bytes, int line, int column) {
}
