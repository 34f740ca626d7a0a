/** The monospace stack shared by editors, static code and outputs (see styles/base.css). */
export const monoFont = "'JetBrains Mono', 'SF Mono', 'Cascadia Code', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";
