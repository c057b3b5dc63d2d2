// Checks that only Go can make of what our renderer produced at random (hashes, ciphertexts,
// keys). They are not Levant functions: their names start with "oracle", which no template of
// Levant's uses, and only tests of random Sprig functions call them.
package main

import (
	"crypto/dsa"
	"crypto/tls"
	"strings"
	"time"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"math/big"
	"text/template"

	"golang.org/x/crypto/bcrypt"
)

func oracleChecks() template.FuncMap {
	return template.FuncMap{
		"oracleBcryptMatches": func(hash, password string) bool {
			return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
		},
		"oracleKeyInfo":  keyInfo,
		"oracleCertInfo": certInfo,
	}
}

// keyInfo parses a PEM private key as Sprig writes it and says what it is.
func keyInfo(text string) string {
	block, rest := pem.Decode([]byte(text))
	if block == nil {
		return "no PEM block"
	}
	if len(rest) != 0 {
		return "text after the PEM block"
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return err.Error()
		}
		if err := k.Validate(); err != nil {
			return err.Error()
		}
		return fmt.Sprintf("rsa %d", k.N.BitLen())
	case "EC PRIVATE KEY":
		k, err := x509.ParseECPrivateKey(block.Bytes)
		if err != nil {
			return err.Error()
		}
		return "ecdsa " + k.Curve.Params().Name
	case "DSA PRIVATE KEY":
		var k struct {
			Version       int
			P, Q, G, Y, X *big.Int
		}
		if _, err := asn1.Unmarshal(block.Bytes, &k); err != nil {
			return err.Error()
		}
		if new(big.Int).Exp(k.G, k.X, k.P).Cmp(k.Y) != 0 {
			return "dsa: y is not g^x mod p"
		}
		key := dsa.PrivateKey{PublicKey: dsa.PublicKey{Parameters: dsa.Parameters{P: k.P, Q: k.Q, G: k.G}, Y: k.Y}, X: k.X}
		return fmt.Sprintf("dsa %d %d", key.P.BitLen(), key.Q.BitLen())
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return err.Error()
		}
		switch k := k.(type) {
		case ed25519.PrivateKey:
			return fmt.Sprintf("ed25519 %d", len(k))
		case *rsa.PrivateKey, *ecdsa.PrivateKey:
			return fmt.Sprintf("unexpected PKCS#8 %T", k)
		}
		return fmt.Sprintf("PKCS#8 %T", k)
	}
	return "unknown block " + block.Type
}

// certInfo parses a PEM certificate and its key as Sprig returns them and says what Go sees:
// subject, SANs, CA flag, key usages, validity, signature algorithm, whether the key pairs with
// the certificate, and whether it verifies against caPEM (itself when caPEM is "").
func certInfo(certPEM, keyPEM, caPEM string) string {
	block, _ := pem.Decode([]byte(certPEM))
	if block == nil || block.Type != "CERTIFICATE" {
		return "no CERTIFICATE block"
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return err.Error()
	}
	var ips []string
	for _, ip := range cert.IPAddresses {
		ips = append(ips, ip.String())
	}
	pair := "key pairs"
	if _, err := tls.X509KeyPair([]byte(certPEM), []byte(keyPEM)); err != nil {
		pair = err.Error()
	}
	if caPEM == "" {
		caPEM = certPEM
	}
	roots := x509.NewCertPool()
	verified := "verifies"
	if !roots.AppendCertsFromPEM([]byte(caPEM)) {
		verified = "bad CA PEM"
	} else if _, err := cert.Verify(x509.VerifyOptions{Roots: roots, CurrentTime: cert.NotBefore.Add(time.Minute), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
		verified = err.Error()
	}
	days := cert.NotAfter.Sub(cert.NotBefore).Hours() / 24
	fresh := time.Since(cert.NotBefore) < time.Hour && time.Since(cert.NotBefore) > -time.Minute
	return fmt.Sprintf("cn=%s dns=[%s] ips=[%s] ca=%t ku=%d eku=%v days=%g sig=%s serialbits<=128:%t fresh=%t %s, %s",
		cert.Subject.CommonName, strings.Join(cert.DNSNames, " "), strings.Join(ips, " "), cert.IsCA, cert.KeyUsage, cert.ExtKeyUsage,
		days, cert.SignatureAlgorithm, cert.SerialNumber.BitLen() <= 128 && cert.SerialNumber.Sign() >= 0, fresh, pair, verified)
}
