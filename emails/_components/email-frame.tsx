import { Body } from '@react-email/body';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Heading } from '@react-email/heading';
import { Hr } from '@react-email/hr';
import { Html } from '@react-email/html';
import { Img } from '@react-email/img';
import { Preview } from '@react-email/preview';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { ReactNode } from 'react';
import type { Brand } from './email-context';

const page = { backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' };
const card = { backgroundColor: '#ffffff', borderRadius: '8px', maxWidth: '600px', margin: '0 auto', overflow: 'hidden' as const };
const body = { padding: '24px 28px' };
export const muted = { color: '#6b7280', fontSize: '12px', lineHeight: '18px', margin: '4px 0' };

/** What every email looks like around its content: the brand band, a white card with a heading, and a muted footer. */
export function EmailFrame(props: { lang: string; preview: string; brand: Brand; heading: string; children: ReactNode; footer: ReactNode }) {
  const { brand } = props;
  return (
    <Html lang={props.lang}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={page}>
        <Container style={card}>
          <Section style={{ backgroundColor: brand.color, padding: '16px 28px' }}>
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.name} height="32" />
            ) : (
              <Text style={{ color: '#ffffff', fontSize: '18px', fontWeight: 700, margin: 0 }}>{brand.name}</Text>
            )}
          </Section>
          <Section style={body}>
            <Heading as="h1" style={{ fontSize: '20px', lineHeight: '28px', color: '#111827', margin: '0 0 12px' }}>
              {props.heading}
            </Heading>
            {props.children}
          </Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: 0 }} />
          <Section style={{ padding: '16px 28px' }}>{props.footer}</Section>
        </Container>
      </Body>
    </Html>
  );
}
