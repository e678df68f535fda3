package dev.pharos.promql.parser;

/** One lexical token: its kind, text (unquoted for strings) and character offsets. */
final class Token {
    enum Kind { IDENT, NUMBER, DURATION, STRING, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, COLON, OP, EOF }

    final Kind kind;
    final String text;
    final int start;
    final int end;
    /** Parsed value of NUMBER (the float) and DURATION (milliseconds) tokens. */
    final double number;
    final long durationMs;

    Token(Kind kind, String text, int start, int end, double number, long durationMs) {
        this.kind = kind;
        this.text = text;
        this.start = start;
        this.end = end;
        this.number = number;
        this.durationMs = durationMs;
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String t) {
        return kind == Kind.OP && text.equals(t);
    }

    boolean isWord(String w) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(w);
    }

    /** How the parser names the token in "unexpected ..." messages. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case IDENT -> "identifier \"" + text + "\"";
            case NUMBER -> "number \"" + text + "\"";
            case DURATION -> "duration \"" + text + "\"";
            case STRING -> "string " + dev.pharos.promql.ast.Printer.quote(text);
            case LPAREN -> "\"(\"";
            case RPAREN -> "\")\"";
            case LBRACE -> "\"{\"";
            case RBRACE -> "\"}\"";
            case LBRACKET -> "\"[\"";
            case RBRACKET -> "\"]\"";
            case COMMA -> "\",\"";
            case COLON -> "\":\"";
            case OP -> "\"" + text + "\"";
        };
    }
}
