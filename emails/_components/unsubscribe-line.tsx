import { Link } from '@react-email/link';
import { Text } from '@react-email/text';
import type { Locale } from '../../src/notifications';
import { t } from '../_i18n';

const muted = { color: '#6b7280', fontSize: '12px', lineHeight: '18px', margin: '4px 0' };

/** The footer's unsubscribe link: it opens a page that asks before changing anything. */
export function UnsubscribeLine({ href, locale }: { href: string; locale?: Locale }) {
  return (
    <Text style={muted}>
      {t(locale, 'unsubscribeFooter')}{' '}
      <Link href={href} style={{ color: '#6b7280', textDecoration: 'underline' }}>
        {t(locale, 'unsubscribeFooterLink')}
      </Link>
    </Text>
  );
}
