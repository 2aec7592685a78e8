import { TextField, type TextFieldProps } from './TextField';

/** An e-mail address field: the e-mail keyboard, and no spelling fixes or capitals forced on the address. */
export function EmailField(props: Omit<TextFieldProps, 'type' | 'inputMode' | 'spellCheck' | 'autoCapitalize'>) {
  return <TextField type="email" inputMode="email" spellCheck={false} autoCapitalize="off" {...props} />;
}
