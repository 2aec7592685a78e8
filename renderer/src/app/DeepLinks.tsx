import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../api/api-context';
import { openInvitation } from '../actions/this-computer-actions';
import { paths } from './paths';

/**
 * Follows `palisade://` links the main process hands over: a confirmation link confirms
 * the e-mail address, a reset link opens the reset screen with its token filled in, and an
 * invitation opens This computer, where it is spent once someone is signed in (as one
 * pasted into "I have an invitation link" is); a billing link (a declined charge's e-mail)
 * opens Billing.
 */
export function DeepLinks() {
  const api = useApi();
  const navigate = useNavigate();
  useEffect(
    () =>
      api.on('app.deepLink', (link) => {
        if (link.action === 'confirm') navigate(paths.checkEmail, { state: { token: link.token } });
        else if (link.action === 'reset-password') navigate(paths.resetPassword, { state: { token: link.token } });
        else if (link.action === 'install') {
          openInvitation(link.token);
          navigate(paths.thisComputer);
        } else if (link.action === 'billing') navigate(paths.billing);
      }),
    [api, navigate],
  );
  return null;
}
