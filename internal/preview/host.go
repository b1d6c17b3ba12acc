package preview

import (
	"net"
	"net/http"
	"os"
	"strings"
)

// hosts is the set of names a request's Host header may give: what stands
// between the drafts and DNS rebinding. A page on attacker.example whose
// name is made to resolve to 127.0.0.1 reaches the preview as a same-origin
// request, but its Host header still says attacker.example: such a request
// is refused. An IP literal cannot be rebound, so the served address is
// always allowed; a name only when it is a loopback name or the one the
// preview was told to serve (--addr with --expose).
type hosts struct {
	names map[string]bool // lower case, without brackets or port
}

// newHosts allows the loopback names, the address ln serves (every address
// of this computer when it serves all of them: 0.0.0.0 or ::) and extra,
// the names given with --expose.
func newHosts(addr net.Addr, extra []string) hosts {
	h := hosts{names: map[string]bool{"localhost": true}}
	for _, n := range extra {
		h.add(n)
	}
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return h
	}
	h.add(tcp.IP.String())
	if tcp.IP.IsUnspecified() {
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if ipn, ok := a.(*net.IPNet); ok {
					h.add(ipn.IP.String())
				}
			}
		}
		if name, err := os.Hostname(); err == nil {
			h.add(name)
		}
	}
	return h
}

func (h hosts) add(name string) {
	name = strings.TrimSuffix(strings.ToLower(strings.Trim(name, "[]")), ".")
	if name != "" {
		h.names[name] = true
	}
}

// allows reports whether a request whose Host header is hostport may be
// answered.
func (h hosts) allows(hostport string) bool {
	name := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		name = host
	}
	name = strings.TrimSuffix(strings.ToLower(strings.Trim(name, "[]")), ".")
	if h.names[name] || strings.HasSuffix(name, ".localhost") {
		return true // *.localhost always resolves to this computer (RFC 6761)
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// guard answers only requests whose Host header h allows, and refuses the
// others with 421 Misdirected Request.
func (h hosts) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.allows(r.Host) {
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, "预览只回答本机地址的请求, 不回答主机名 "+r.Host+
				" (防止其他网站读取草稿); 请用 http://127.0.0.1 或 localhost 打开, 或启动时用 --addr 与 --expose 指定该名称.\n"+
				"the preview answers only loopback names and the address it serves, not the Host "+r.Host+
				": a page on another site could otherwise read the drafts (DNS rebinding)", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}
