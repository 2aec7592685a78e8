import { Link } from 'react-router';
import { paths } from '../app/paths';
import { T } from '../i18n/use-t';

/** The way back from a sign-in side screen, carrying the address so it need not be typed again. */
export function BackToSignIn({ email }: { email: string | undefined }) {
  return (
    <p className="auth-switch">
      <Link to={paths.signIn} state={{ email }}>
        <T id="auth.backToSignIn" />
      </Link>
    </p>
  );
}
