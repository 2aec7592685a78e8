import { TextField, type TextFieldProps } from '../../components/TextField';
import { useT } from '../../i18n/use-t';

/**
 * Where the code from an e-mail, or its whole link, is typed or pasted: no spelling fixes or
 * capitals forced on it (the code reads the same in any case, with or without its dash).
 */
export function EmailCodeField(
  props: Omit<TextFieldProps, 'label' | 'autoComplete' | 'spellCheck' | 'autoCapitalize'> & { label?: string | undefined },
) {
  const t = useT();
  return (
    <TextField
      autoComplete="one-time-code"
      spellCheck={false}
      autoCapitalize="off"
      {...props}
      label={props.label ?? t('auth.pastedCode.label')}
    />
  );
}
