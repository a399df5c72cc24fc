package io.strata.logql.syntax;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The parser's view of the input: two tokens of lookahead over the {@link Lexer}, syntax-error
 * construction in Loki's wording, a nesting-depth guard, and the "deferred" errors that Loki
 * only reports in its validation pass (after a successful parse). Not thread-safe.
 */
final class TokenStream {
    /** Deepest nesting accepted; deeper input gets a ParseException instead of a StackOverflowError. */
    static final int MAX_DEPTH = 400;

    private final Lexer lexer;
    private Token la0;
    private Token la1;
    private int depth;
    private final Map<Object, ParseException> deferred = new IdentityHashMap<>();

    TokenStream(String input) {
        this.lexer = new Lexer(input);
    }

    Token peek() {
        if (la0 == null) {
            la0 = lexer.next();
        }
        return la0;
    }

    Tok kind() {
        return peek().kind();
    }

    Tok kind2() {
        peek();
        if (la1 == null) {
            la1 = la0.kind() == Tok.EOF ? la0 : lexer.next();
        }
        return la1.kind();
    }

    Token advance() {
        Token t = peek();
        la0 = la1;
        la1 = null;
        return t;
    }

    boolean accept(Tok kind) {
        if (kind() == kind) {
            advance();
            return true;
        }
        return false;
    }

    /** Consumes a token of the given kind or fails with "unexpected X[, expecting ...]". */
    Token expect(Tok kind, Tok... expected) {
        if (kind() != kind) {
            throw unexpected(expected);
        }
        return advance();
    }

    /** Syntax error at the current token; {@code expected} lists what Loki's grammar would name (may be empty). */
    ParseException unexpected(Tok... expected) {
        Token t = peek();
        StringBuilder sb = new StringBuilder("syntax error: unexpected ").append(t.kind().display());
        if (expected.length > 0) {
            StringJoiner j = new StringJoiner(" or ", ", expecting ", "");
            Tok[] sorted = expected.clone();
            java.util.Arrays.sort(sorted);
            for (Tok e : sorted) {
                j.add(e.display());
            }
            sb.append(j);
        }
        return new ParseException(sb.toString(), t.line(), t.column());
    }

    void enter() {
        if (++depth > MAX_DEPTH) {
            throw tooDeep();
        }
    }

    ParseException tooDeep() {
        Token t = peek();
        return new ParseException("syntax error: expression nested too deeply (more than " + MAX_DEPTH + " levels)",
                t.line(), t.column());
    }

    void leave() {
        depth--;
    }

    /** Records an error Loki reports only in validation (first one found in pre-order wins). */
    <T> T poison(T node, String message) {
        deferred.put(node, new ParseException(message));
        return node;
    }

    <T> T poison(T node, ParseException e) {
        deferred.put(node, e);
        return node;
    }

    ParseException deferredError(Object node) {
        return deferred.get(node);
    }

    boolean hasDeferred() {
        return !deferred.isEmpty();
    }
}
