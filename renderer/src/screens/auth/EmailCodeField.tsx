import { TextField, type TextFieldProps } from '../../components/TextField';
import { useT } from '../../i18n/use-t';

/** Where the code from an e-mail, or its whole link, is pasted: no spelling fixes or capitals forced on it. */
export function EmailCodeField(
  props: Omit<TextFieldProps, 'label' | 'autoComplete' | 'spellCheck' | 'autoCapitalize'>,
) {
  const t = useT();
  return (
    <TextField
      label={t('auth.pastedCode.label')}
      autoComplete="one-time-code"
      spellCheck={false}
      autoCapitalize="off"
      {...props}
    />
  );
}
