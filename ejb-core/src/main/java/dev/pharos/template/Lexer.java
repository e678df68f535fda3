package dev.pharos.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into items the way Go's text/template lexer does: text runs,
 * delimiters (with trim markers), and the tokens inside actions. Comments are dropped.
 * The whole text is lexed up front; a lexing error ends the stream with an ERROR item so
 * that the parser reports it at the same point Go would.
 */
final class Lexer {

    enum Type {
        TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, IDENTIFIER, FIELD, VARIABLE, STRING, RAW_STRING,
        CHAR_CONSTANT, NUMBER, BOOL, NIL, DOT, PIPE, DECLARE, ASSIGN, CHAR, LEFT_PAREN, RIGHT_PAREN,
        EOF, ERROR,
        // keywords
        BLOCK, BREAK, CONTINUE, DEFINE, ELSE, END, IF, RANGE, TEMPLATE, WITH
    }

    /** One lexical item: pos is a char index into the text, line is 1-based. */
    record Item(Type type, int pos, String val, int line) {
        boolean isKeyword() {
            return type.ordinal() >= Type.BLOCK.ordinal();
        }

        @Override
        public String toString() {
            switch (type) {
                case EOF:
                    return "EOF";
                case ERROR:
                    return val;
                default:
                    if (isKeyword()) {
                        return "<" + val + ">";
                    }
                    if (val.codePointCount(0, val.length()) > 10) {
                        return GoFmt.quote(truncateRunes(val, 10)) + "...";
                    }
                    return GoFmt.quote(val);
            }
        }

        private static String truncateRunes(String s, int n) {
            return s.substring(0, s.offsetByCodePoints(0, n));
        }
    }

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private final String input;
    private final List<Item> items = new ArrayList<>();
    private int pos;
    private int start;
    private int line = 1;
    private int startLine = 1;
    private int parenDepth;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Item> lex(String input) {
        Lexer l = new Lexer(input);
        l.run();
        return l.items;
    }

    private void run() {
        try {
            lexText();
        } catch (LexError e) {
            items.add(new Item(Type.ERROR, start, e.getMessage(), startLine));
        }
    }

    private static final class LexError extends Exception {
        LexError(String msg) {
            super(msg, null, false, false);
        }
    }

    private void emit(Type t) {
        items.add(new Item(t, start, input.substring(start, pos), startLine));
        advanceStart();
    }

    private void advanceStart() {
        for (int i = start; i < pos; i++) {
            if (input.charAt(i) == '\n') {
                line++;
            }
        }
        start = pos;
        startLine = line;
    }

    private void ignore() {
        advanceStart();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlnum(int c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private void lexText() throws LexError {
        while (true) {
            int x = input.indexOf(LEFT, pos);
            if (x < 0) {
                pos = input.length();
                if (pos > start) {
                    emit(Type.TEXT);
                }
                items.add(new Item(Type.EOF, pos, "", line));
                return;
            }
            // "{{- " (dash then a space) trims the preceding text; "{{-3" is a number
            boolean trimLeft = x + 3 < input.length() && input.charAt(x + 2) == '-' && isSpace(input.charAt(x + 3));
            pos = x;
            int textEnd = pos;
            if (trimLeft) {
                while (textEnd > start && isSpace(input.charAt(textEnd - 1))) {
                    textEnd--;
                }
            }
            if (textEnd > start) {
                items.add(new Item(Type.TEXT, start, input.substring(start, textEnd), startLine));
            }
            advanceStart();
            lexLeftDelim(trimLeft);
        }
    }

    private void lexLeftDelim(boolean trim) throws LexError {
        pos += LEFT.length();
        int afterMarker = trim ? 2 : 0;
        if (input.startsWith("/*", pos + afterMarker)) {
            pos += afterMarker;
            ignore();
            lexComment();
            return;
        }
        emit(Type.LEFT_DELIM);
        pos += afterMarker;
        ignore();
        parenDepth = 0;
        lexInsideAction();
    }

    private void lexComment() throws LexError {
        pos += 2;
        int x = input.indexOf("*/", pos);
        if (x < 0) {
            throw new LexError("unclosed comment");
        }
        pos = x + 2;
        int[] r = atRightDelim();
        if (r == null) {
            throw new LexError("comment ends before closing delimiter");
        }
        pos += r[0];
        ignore();
        if (r[1] == 1) {
            skipSpaceAfterTrim();
        }
    }

    /** Returns {length, trim?1:0} when a right delimiter (with optional " -" marker) starts at pos. */
    private int[] atRightDelim() {
        if (pos + 1 < input.length() && isSpace(input.charAt(pos)) && input.charAt(pos + 1) == '-'
                && input.startsWith(RIGHT, pos + 2)) {
            return new int[] {2 + RIGHT.length(), 1};
        }
        if (input.startsWith(RIGHT, pos)) {
            return new int[] {RIGHT.length(), 0};
        }
        return null;
    }

    private void skipSpaceAfterTrim() {
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
        ignore();
    }

    private void lexInsideAction() throws LexError {
        while (true) {
            int[] r = atRightDelim();
            if (r != null) {
                if (parenDepth != 0) {
                    throw new LexError("unclosed left paren");
                }
                if (r[1] == 1) {
                    pos += 2;
                    ignore();
                }
                pos += RIGHT.length();
                emit(Type.RIGHT_DELIM);
                if (r[1] == 1) {
                    skipSpaceAfterTrim();
                }
                return;
            }
            if (pos >= input.length()) {
                throw new LexError("unclosed action");
            }
            char c = input.charAt(pos);
            if (isSpace(c)) {
                lexSpace();
            } else if (c == '=') {
                pos++;
                emit(Type.ASSIGN);
            } else if (c == ':') {
                pos++;
                if (pos >= input.length() || input.charAt(pos) != '=') {
                    throw new LexError("expected :=");
                }
                pos++;
                emit(Type.DECLARE);
            } else if (c == '|') {
                pos++;
                emit(Type.PIPE);
            } else if (c == '"') {
                lexQuote();
            } else if (c == '`') {
                lexRawQuote();
            } else if (c == '$') {
                pos++;
                lexFieldOrVariable(Type.VARIABLE);
            } else if (c == '\'') {
                lexChar();
            } else if (c == '.') {
                if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
                    lexNumber();
                } else {
                    pos++;
                    lexFieldOrVariable(Type.FIELD);
                }
            } else if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
                lexNumber();
            } else if (isAlnum(c)) {
                lexIdentifier();
            } else if (c == '(') {
                pos++;
                emit(Type.LEFT_PAREN);
                parenDepth++;
            } else if (c == ')') {
                pos++;
                emit(Type.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    throw new LexError("unexpected right paren " + GoFmt.quoteRune(')'));
                }
            } else if (c <= 0x7f && c >= 0x20 && c != 0x7f) {
                pos++;
                emit(Type.CHAR);
            } else {
                int cp = input.codePointAt(pos);
                throw new LexError("unrecognized character in action: " + GoFmt.unicodeRune(cp));
            }
        }
    }

    private void lexSpace() {
        int n = 0;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
            n++;
        }
        // A space followed by "-}}" belongs to the trim marker of the closing delimiter.
        if (pos < input.length() && input.charAt(pos) == '-' && input.startsWith(RIGHT, pos + 1)) {
            pos--;
            if (n == 1) {
                return;
            }
        }
        emit(Type.SPACE);
    }

    private void lexIdentifier() throws LexError {
        while (pos < input.length()) {
            int cp = input.codePointAt(pos);
            if (!isAlnum(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        checkTerminator();
        String word = input.substring(start, pos);
        Type t;
        switch (word) {
            case "block": t = Type.BLOCK; break;
            case "break": t = Type.BREAK; break;
            case "continue": t = Type.CONTINUE; break;
            case "define": t = Type.DEFINE; break;
            case "else": t = Type.ELSE; break;
            case "end": t = Type.END; break;
            case "if": t = Type.IF; break;
            case "range": t = Type.RANGE; break;
            case "template": t = Type.TEMPLATE; break;
            case "with": t = Type.WITH; break;
            case "true":
            case "false": t = Type.BOOL; break;
            case "nil": t = Type.NIL; break;
            default: t = Type.IDENTIFIER;
        }
        emit(t);
    }

    private void lexFieldOrVariable(Type t) throws LexError {
        if (atTerminator()) {
            emit(t == Type.VARIABLE ? Type.VARIABLE : Type.DOT);
            return;
        }
        while (pos < input.length()) {
            int cp = input.codePointAt(pos);
            if (!isAlnum(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        checkTerminator();
        emit(t);
    }

    private void checkTerminator() throws LexError {
        if (!atTerminator()) {
            int cp = input.codePointAt(pos);
            throw new LexError("bad character " + GoFmt.unicodeRune(cp));
        }
    }

    private boolean atTerminator() {
        if (pos >= input.length()) {
            return true;
        }
        char c = input.charAt(pos);
        if (isSpace(c)) {
            return true;
        }
        switch (c) {
            case '.': case ',': case '|': case ':': case ')': case '(':
                return true;
            default:
                return input.startsWith(RIGHT, pos);
        }
    }

    private void lexChar() throws LexError {
        pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new LexError("unterminated character constant");
            }
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (pos < input.length() && input.charAt(pos) != '\n') {
                    pos++;
                    continue;
                }
                throw new LexError("unterminated character constant");
            }
            if (c == '\'') {
                break;
            }
        }
        emit(Type.CHAR_CONSTANT);
    }

    private void lexNumber() throws LexError {
        if (!scanNumber()) {
            throw new LexError("bad number syntax: " + GoFmt.quote(input.substring(start, pos)));
        }
        emit(Type.NUMBER);
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (pos < input.length() && isAlnum(input.codePointAt(pos))) {
            pos += Character.charCount(input.codePointAt(pos));
            return false;
        }
        return true;
    }

    private void lexQuote() throws LexError {
        pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new LexError("unterminated quoted string");
            }
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (pos < input.length() && input.charAt(pos) != '\n') {
                    pos++;
                    continue;
                }
                throw new LexError("unterminated quoted string");
            }
            if (c == '"') {
                break;
            }
        }
        emit(Type.STRING);
    }

    private void lexRawQuote() throws LexError {
        int x = input.indexOf('`', pos + 1);
        if (x < 0) {
            throw new LexError("unterminated raw quoted string");
        }
        pos = x + 1;
        emit(Type.RAW_STRING);
    }
}
