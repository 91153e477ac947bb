# ALA-LC romanization of Russian (without diacritics/ligature ties), for *titletranslit* fields.
M = {'а':'a','б':'b','в':'v','г':'g','д':'d','е':'e','ё':'e','ж':'zh','з':'z','и':'i','й':'i','к':'k','л':'l',
     'м':'m','н':'n','о':'o','п':'p','р':'r','с':'s','т':'t','у':'u','ф':'f','х':'kh','ц':'ts','ч':'ch','ш':'sh',
     'щ':'shch','ъ':'"','ы':'y','ь':"'",'э':'e','ю':'iu','я':'ia'}
def tr(s):
    out = []
    for ch in s:
        lo = ch.lower()
        if lo in M:
            t = M[lo]
            if ch != lo and t and t[0].isalpha():
                t = t[0].upper() + t[1:]
            out.append(t)
        else:
            out.append(ch)
    return ''.join(out)
if __name__ == '__main__':
    import sys
    for line in sys.stdin:
        print(tr(line.rstrip('\n')))
