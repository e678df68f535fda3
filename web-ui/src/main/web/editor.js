// The PromQL editor: CodeMirror 6 with @prometheus-io/codemirror-promql, fed by this server's
// /api/v1 endpoints for metric names, label names/values and metadata.
import { EditorView, keymap, placeholder, drawSelection, highlightSpecialChars } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { HighlightStyle, syntaxHighlighting, bracketMatching } from '@codemirror/language';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { lintKeymap } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';

const promqlHighlight = HighlightStyle.define([
  { tag: tags.number, color: '#09885a' },
  { tag: tags.string, color: '#a31515' },
  { tag: tags.keyword, color: '#008080', fontWeight: 'bold' },
  { tag: tags.function(tags.variableName), color: '#008080' },
  { tag: tags.labelName, color: '#800000' },
  { tag: tags.operator, color: '#6e6e6e' },
  { tag: tags.modifier, color: '#af00db', fontWeight: 'bold' },
  { tag: tags.comment, color: '#888', fontStyle: 'italic' },
  { tag: tags.invalid, color: 'red' },
]);

const theme = EditorView.theme({
  '&': { fontSize: '14px', border: '1px solid #c8ccd0', borderRadius: '4px', background: '#fff' },
  '&.cm-focused': { outline: 'none', borderColor: '#4d7fd6', boxShadow: '0 0 0 2px #d6e3f8' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', padding: '6px 0' },
  '.cm-line': { padding: '0 8px' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'ui-monospace, monospace', maxHeight: '20em' },
});

// One shared language instance: its client caches metric names between panels.
let promql;
function language() {
  if (!promql) {
    promql = new PromQLExtension().setComplete({
      remote: {
        apiPrefix: '/api/v1',
        httpMethod: 'GET',
        lookbackInterval: 12 * 60 * 60 * 1000,
        cache: { maxAge: 60 * 1000 },
        // Endpoints other developers are still building may answer 404: completion degrades quietly.
        httpErrorHandler: () => {},
      },
      maxMetricsMetadata: 10000,
    });
  }
  return promql.asExtension();
}

/** Creates an editor in `parent`; onExecute runs on Enter (Shift+Enter inserts a newline). */
export function createEditor(parent, doc, onExecute, onChange) {
  // CodeMirror injects its styles through style-mod, which uses a <style> element in a
  // document (blocked by our Content-Security-Policy) but a constructable style sheet in a
  // shadow root (allowed): so the editor lives in a shadow root.
  const shadow = parent.attachShadow({ mode: 'open' });
  const view = new EditorView({
    parent: shadow,
    root: shadow,
    state: EditorState.create({
      doc,
      extensions: [
        highlightSpecialChars(),
        history(),
        drawSelection(),
        bracketMatching(),
        closeBrackets(),
        autocompletion(),
        syntaxHighlighting(promqlHighlight),
        language(),
        theme,
        EditorView.lineWrapping,
        placeholder('Enter expression (press Shift+Enter for newlines)'),
        Prec.highest(keymap.of([
          { key: 'Enter', run: () => { onExecute(); return true; } },
          { key: 'Shift-Enter', run: insertNewlineAndIndent },
        ])),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
        EditorView.contentAttributes.of({ 'aria-label': 'PromQL expression', 'data-testid': 'expr' }),
      ],
    }),
  });
  return {
    view,
    get value() { return view.state.doc.toString(); },
    set value(v) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: v } }); },
    focus() { view.focus(); },
  };
}
