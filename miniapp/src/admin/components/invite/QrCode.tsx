import { Image, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** A QR code's image (a GIF data URL drawn here, no server round trip): `text` is what a scan reads. */
export function qrDataUrl(text: string, cell = 4, margin = 2): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createDataURL(cell, margin);
}

export function QrCode(props: { text: string; className?: string }) {
  const src = useMemo(() => qrDataUrl(props.text), [props.text]);
  return (
    <View className={`qr-box ${props.className ?? ''}`} data-qr={props.text}>
      <Image src={src} className="qr" mode="aspectFit" />
    </View>
  );
}
