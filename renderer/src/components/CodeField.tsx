import { TextField, type TextFieldProps } from './TextField';

/** Codes are often pasted or read out in groups ("123 456"): the spaces are not part of them. */
export const withoutSpaces = (value: string): string => value.replace(/\s+/g, '');

export interface CodeFieldProps extends Omit<
  TextFieldProps,
  'value' | 'onChange' | 'spellCheck' | 'autoCapitalize' | 'className'
> {
  value: string;
  /** Called with the text as typed or pasted, spaces removed. */
  onChange: (code: string) => void;
}

/** A field for a verification or recovery code, set in the code style. */
export function CodeField({ onChange, ...field }: CodeFieldProps) {
  return (
    <TextField
      spellCheck={false}
      autoCapitalize="off"
      className="field-code"
      {...field}
      onChange={(e) => onChange(withoutSpaces(e.target.value))}
    />
  );
}
